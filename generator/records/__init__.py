"""The records on disk — the only code that reads or writes content/ and the state folder.

- ``store``: loads and validates every record (``path:line: field: message``) into a
  ``Catalog``, and dumps a record as YAML;
- ``sync``: writes the extraction's records with a three-way merge against what was
  generated last time, so that hand edits are never lost (``merge``: the merge itself);
- ``folder``: which files are records, and which actors people edited;
- ``yaml_load``, ``schema_check``: fast YAML loading and schema checks.
"""
