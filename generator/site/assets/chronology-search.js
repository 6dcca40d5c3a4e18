/*
 * Chronology: search over the index in small files (generator/publish/search_index.py).
 *
 * Acts only where <div id="chronology-search"> exists (the Search page of a large site).
 * A query fetches meta.json once, then the term file of each word's first two letters, and
 * intersects the documents of every word, each matching every indexed word it begins
 * ("lavr" finds Lavrov). Documents are numbered by importance: the results are those whose
 * title has every word, then the others, each in id order; only the document files of the
 * results shown are fetched.
 *
 * Record text only ever enters the DOM as text. Works with Material's instant navigation.
 */
(function () {
  "use strict";

  var PAGE = 20;          // results shown at a time
  var DELAY = 120;        // ms: debounce while typing
  var NON_ASCII = /[^\x00-\x7f]/;
  var WORD = /[\p{L}\p{N}]+/gu;

  var current = null;

  function init() {
    if (current) {
      current.destroy();
      current = null;
    }
    var box = document.getElementById("chronology-search");
    if (box) current = create(box);
  }

  /** Lower case without accents: the index folds its words the same way. */
  function fold(text) {
    text = String(text);
    if (NON_ASCII.test(text)) text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return text.toLowerCase();
  }

  function shardName(prefix) {
    if (/^[a-z0-9]+$/.test(prefix)) return prefix;
    var codes = [];
    for (var i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i).toString(16));
    return "u" + codes.join("-");
  }

  function decode(deltas) {
    var out = new Array(deltas.length);
    var value = 0;
    for (var i = 0; i < deltas.length; i++) {
      value += deltas[i];
      out[i] = value;
    }
    return out;
  }

  function union(lists) {
    if (lists.length === 1) return lists[0];
    var seen = new Set();
    lists.forEach(function (list) { list.forEach(function (id) { seen.add(id); }); });
    return Array.from(seen).sort(function (a, b) { return a - b; });
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  function create(box) {
    var destroyed = false;
    var timer = null;
    var base = new URL(box.getAttribute("data-index") || "./", window.location.href);
    var root = new URL(box.getAttribute("data-root") || "../", window.location.href);
    var input = box.querySelector("input[type=search]");
    var status = box.querySelector("[role=status]");
    var list = box.querySelector("ol");
    var more = box.querySelector("button");
    var meta = null;
    var shards = {};
    var chunks = {};
    var asked = 0;
    var matches = [];
    var shown = 0;
    var cleanups = [];

    function listen(target, type, handler) {
      target.addEventListener(type, handler);
      cleanups.push(function () { target.removeEventListener(type, handler); });
    }

    function json(name) {
      return fetch(new URL(name, base).href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }

    function loadMeta() {
      if (!meta) meta = json("meta.json");
      return meta;
    }

    function shard(prefix) {
      if (!shards[prefix]) {
        // A prefix no word has has no file: it matches nothing.
        shards[prefix] = json("t/" + shardName(prefix) + ".json").catch(function () { return {}; });
      }
      return shards[prefix];
    }

    function chunk(number) {
      if (!chunks[number]) chunks[number] = json("d/" + number + ".json");
      return chunks[number];
    }

    /** [documents with the word, documents whose title has it] (prefix: words it begins). */
    function postings(word, prefix, size) {
      return shard(word.slice(0, size)).then(function (file) {
        return ["w", "t"].map(function (kind) {
          var terms = file[kind] || {};
          if (!prefix) return terms[word] ? decode(terms[word]) : [];
          var lists = [];
          for (var term in terms) {
            if (term.lastIndexOf(word, 0) === 0) lists.push(decode(terms[term]));
          }
          return lists.length ? union(lists) : [];
        });
      });
    }

    function all(lists) {
      lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
      return lists.reduce(intersect);
    }

    function say(text) {
      if (status) status.textContent = text;
    }

    function search(query) {
      var mine = ++asked;
      return loadMeta().then(function (info) {
        if (mine !== asked || destroyed) return;
        var found = fold(query).match(WORD) || [];
        var wanted = [];
        found.forEach(function (word) {
          if (word.length < info.prefix && !/^\d+$/.test(word)) return;
          // A word on most pages narrows nothing (the index leaves it out): a query skips
          // it, and any beginning of one.
          for (var c = 0; c < (info.common || []).length; c++) {
            if (info.common[c].lastIndexOf(word, 0) === 0) return;
          }
          wanted.push({ word: word, prefix: true });
        });
        list.textContent = "";
        matches = [];
        shown = 0;
        if (more) more.hidden = true;
        if (!wanted.length) {
          say(query.trim() ? "Type at least " + info.prefix + " letters of a word." : "");
          return;
        }
        return Promise.all(wanted.map(function (item) {
          return postings(item.word, item.prefix, info.prefix);
        })).then(function (found) {
          if (mine !== asked || destroyed) return;
          var anywhere = all(found.map(function (pair) { return pair[0]; }));
          var titled = all(found.map(function (pair) { return pair[1]; }));
          var first = new Set(titled);
          matches = titled.concat(anywhere.filter(function (id) { return !first.has(id); }));
          say(matches.length === 1 ? "1 result." : matches.length + " results.");
          return showMore(info, mine).then(function () {
            if (mine === asked) box.setAttribute("data-query", query);  // for tests and tools
          });
        });
      }).catch(function (error) {
        if (!destroyed) say("Search is not available (" + error.message + ").");
      });
    }

    /** The next results of the query numbered ``mine`` (unless another has started since). */
    function showMore(info, mine) {
      if (mine !== asked) return Promise.resolve();
      var page = matches.slice(shown, shown + PAGE);
      shown += page.length;
      var numbers = [];
      page.forEach(function (id) {
        var number = Math.floor(id / info.chunk);
        if (numbers.indexOf(number) < 0) numbers.push(number);
      });
      return Promise.all(numbers.map(chunk)).then(function (loaded) {
        if (mine !== asked || destroyed) return;
        var docs = {};
        numbers.forEach(function (number, index) { docs[number] = loaded[index]; });
        page.forEach(function (id) {
          var doc = docs[Math.floor(id / info.chunk)][id % info.chunk];
          if (!doc) return;
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = new URL(doc[0], root).href;
          link.textContent = doc[1];
          item.appendChild(link);
          if (doc[2]) {
            var snippet = document.createElement("p");
            snippet.className = "chronology-search__snippet";
            snippet.textContent = doc[2] + (doc[2].length >= 180 ? "…" : "");
            item.appendChild(snippet);
          }
          list.appendChild(item);
        });
        if (more) more.hidden = shown >= matches.length;
      });
    }

    function remember(query) {
      var params = new URLSearchParams(window.location.search);
      if (query.trim()) params.set("q", query);
      else params.delete("q");
      var text = params.toString();
      window.history.replaceState(window.history.state, "", window.location.pathname + (text ? "?" + text : ""));
    }

    listen(input, "input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        remember(input.value);
        search(input.value);
      }, DELAY);
    });
    var form = box.querySelector("form");
    if (form) listen(form, "submit", function (event) { event.preventDefault(); });
    if (more) {
      listen(more, "click", function () {
        loadMeta().then(function (info) { return showMore(info, asked); });
      });
    }

    box.hidden = false;
    var start = new URLSearchParams(window.location.search).get("q");
    if (start) {
      input.value = start;
      search(start);
    }
    input.focus();

    return {
      destroy: function () {
        destroyed = true;
        clearTimeout(timer);
        cleanups.forEach(function (cleanup) { cleanup(); });
      }
    };
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
