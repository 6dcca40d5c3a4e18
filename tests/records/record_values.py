"""Values near the edges of what the record schemas allow, shared by property tests.

Not a test module: the tests of the quick schema check and of YAML loading import it.
"""

from __future__ import annotations

from hypothesis import strategies as st

# Values near the edges of what the schemas allow, often enough to hit each keyword.
EDGES = ["", "x", "russia", "2020", "2020-13", "2020-11-09/2021", "meeting", "person", "0" * 64]
EDGES += [None, True, -1, 0, 0.5, 1, 1.5, [], ["x", "x"], ["x", ""], [{"source": "x"}]]
VALUES = st.recursive(
    st.sampled_from(EDGES) | st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["source", "quote", "date", "code", "message"]), inner)
    ),
    max_leaves=6,
)
