/*
 * Chronology: the interactive timeline page.
 *
 * Loaded on every page of the site (after vis-timeline); acts only where <div id="timeline">
 * exists. It fetches the page's data file (data-src, relative to the page), draws events with
 * vis-timeline and keeps the filters and the visible window in the query string.
 *
 * What the reader sees first: the stretch where the story is densest (``open`` in the data,
 * see generator/publish/timeline.py), with "Show all" one click away. The axis stops a little
 * before the first and after the last event.
 *
 * Zoomed out, events aggregate: when more than SHOW_ALL_UP_TO events match around the view,
 * the span is cut into bins about BIN_PX pixels wide (bin widths come from a fixed ladder, so
 * panning does not reshuffle them); a bin with more than PER_BIN matching events shows its
 * most important ones (the data's ``rank``: key events first) and one "+N more" item that
 * zooms into the bin. vis-timeline only ever holds the items of three window widths around
 * the view, so 100,000 events cost what a few hundred do.
 *
 * Labels stop at a readable width (an ellipsis; the full title shows on hover and on focus).
 * A point within a label's width of the right edge draws its label to the left of its date
 * (as a range of a label's width ending on the date), so that no label runs off the timeline.
 *
 * Record text (titles, names, aliases) is untrusted: it only ever enters the DOM through
 * textContent / text nodes, never as HTML.
 *
 * Works with Material's instant navigation (re-initialised on each document$ emission,
 * the previous instance destroyed) and without it.
 */
(function () {
  "use strict";

  var TYPE_ORDER = [
    "meeting", "call", "talks", "statement", "agreement", "ceasefire", "clashes",
    "attack", "deployment", "visit", "election", "protest", "announcement", "other"
  ];
  var DAY = 86400000;
  var YEAR = DAY * 365.25;
  // Bin widths, finest first; the finest bin that is at least BIN_PX wide on screen is used.
  var LADDER = [
    DAY, DAY * 2, DAY * 7, DAY * 14, DAY * 30.44, DAY * 91.31, DAY * 182.62, YEAR,
    YEAR * 2, YEAR * 5, YEAR * 10, YEAR * 25, YEAR * 50, YEAR * 100, YEAR * 250
  ];
  var BIN_PX = 160;          // about one label's width
  var PER_BIN = 6;           // events a bin shows before it aggregates the rest
  var SHOW_ALL_UP_TO = 60;   // this many matching events around the view stack readably
  var ALL_GROUPS_UP_TO = 50; // more groups than this: only those with items around the view
  var LABEL_PX = 200;        // room a label takes: points this close to the right edge flip
  var FILTER_DELAY = 40;     // ms: a light debounce while typing
  var URL_DELAY = 250;       // ms: after the window stops moving

  var timings = (window.__chronologyTimings = window.__chronologyTimings || {});
  timings.scriptLoaded = performance.now();

  var current = null;

  function init() {
    if (current) {
      current.destroy();
      current = null;
    }
    var container = document.querySelector("div#timeline");
    if (!container) return;
    if (typeof window.vis === "undefined" || !window.vis.Timeline) {
      setStatus("The timeline library did not load.");
      return;
    }
    current = createTimeline(container);
  }

  function setStatus(text) {
    var status = document.getElementById("timeline-status");
    if (status) status.textContent = text;
  }

  // --- small helpers ------------------------------------------------------------------

  var NON_ASCII = /[^\x00-\x7f]/;

  /** Lower case without accents, so that "Sergei" finds "Sérgei" and the other way round. */
  function fold(text) {
    text = String(text);
    if (NON_ASCII.test(text)) text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return text.toLowerCase();
  }

  function parseDay(text) {
    var parts = String(text).split("-");
    var date = new Date(2000, 0, 1);
    date.setFullYear(+parts[0], +parts[1] - 1, +parts[2]);
    date.setHours(0, 0, 0, 0);
    return date;
  }

  function nextDay(date) {
    var next = new Date(date.getTime());
    next.setDate(next.getDate() + 1);
    return next;
  }

  function pad(number, width) {
    var text = String(Math.abs(number));
    while (text.length < width) text = "0" + text;
    return (number < 0 ? "-" : "") + text;
  }

  function formatDay(date) {
    return pad(date.getFullYear(), 4) + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2);
  }

  function validDay(text) {
    return /^-?\d{4}-\d{2}-\d{2}$/.test(text || "") && !isNaN(parseDay(text).getTime());
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function typeClass(name) {
    var index = TYPE_ORDER.indexOf(name);
    return "chronology-type-" + (index < 0 ? "x" : index);
  }

  function plural(count, noun) {
    return count + " " + noun + (count === 1 ? "" : "s");
  }

  // --- data ------------------------------------------------------------------------

  /** Turn the compact rows of data.json into event objects (see generator/publish/timeline.py). */
  function decode(data, dataUrl) {
    var root = new URL(data.root || "../", dataUrl);
    var pattern = data.url || ["events/", "/"];
    var types = data.types || [];
    var actors = (data.actors || []).map(function (row) {
      return { id: row[0], name: row[1], hay: fold([row[1]].concat(row[2] || []).join(" ")) };
    });
    var agreements = (data.agreements || []).map(function (row) {
      return { id: row[0], title: row[1] };
    });
    var keys = {};
    (data.keys || []).forEach(function (index) { keys[index] = true; });
    var longest = 0;
    // Many events share a day: each day is parsed once (Date objects are what costs here).
    var days = {};
    function day(text) {
      var found = days[text];
      if (found === undefined) {
        var date = parseDay(text);
        found = days[text] = { time: date.getTime(), next: nextDay(date).getTime(), year: date.getFullYear() };
      }
      return found;
    }
    var events = (data.events || []).map(function (row, index) {
      var start = day(row[2]);
      var last = row[3] ? day(row[3]) : null;
      var s = start.time;
      var t = last ? last.next : s;
      longest = Math.max(longest, t - s);
      // Numbers only: Date objects are made for the few events drawn (see eventItem),
      // and the text the filter searches is folded after the first render (see haystack).
      return {
        index: index,
        id: row[0],
        title: row[1],
        s: s,
        t: t,
        range: last !== null,
        y0: start.year,
        y1: (last || start).year,
        type: row[4],
        typeName: types[row[4]] || "other",
        actors: row[5] || [],
        agreements: row[6] || [],
        label: row[7],
        rank: row[8] == null ? index : row[8],
        weight: row[9] || 1,
        key: keys[index] === true,
        url: row.length > 10 ? row[10] : null,
        hay: null
      };
    });
    var model = {
      types: types, actors: actors, agreements: agreements, events: events,
      longest: longest, open: null, root: root, pattern: pattern
    };
    if (data.open && validDay(data.open[0]) && validDay(data.open[1])) {
      model.open = { start: parseDay(data.open[0]).getTime(), end: nextDay(parseDay(data.open[1])).getTime() };
    }
    return model;
  }

  /** The folded text the filter searches: title, type, date and every actor's names. */
  function haystack(model, event) {
    if (event.hay === null) {
      var hay = [event.title, event.typeName, event.label];
      for (var i = 0; i < event.actors.length; i++) {
        var actor = model.actors[event.actors[i]];
        if (actor) hay.push(actor.hay);
      }
      event.hay = fold(hay.join(" "));
    }
    return event.hay;
  }

  /** The URL of an event's page. */
  function hrefOf(model, event) {
    var path = event.url !== null ? event.url : model.pattern[0] + event.id + model.pattern[1];
    return new URL(path, model.root).href;
  }

  // --- URL state -------------------------------------------------------------------

  var STATE_KEYS = ["q", "type", "actor", "agreement", "year", "group", "start", "end"];

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    STATE_KEYS.forEach(function (key) {
      state[key] = params.get(key) || "";
    });
    return state;
  }

  // --- the timeline ------------------------------------------------------------------

  function createTimeline(container) {
    var destroyed = false;
    var timers = {};
    var cleanups = [];
    var timeline = null;
    var tip = null;
    var pathname = window.location.pathname;
    var abort = typeof AbortController === "function" ? new AbortController() : null;
    var dataUrl = new URL(container.getAttribute("data-src") || "data.json", window.location.href);

    timings.initStart = performance.now();
    container.removeAttribute("data-ready");
    setStatus("Loading the timeline…");

    function listen(target, type, handler, options) {
      target.addEventListener(type, handler, options);
      cleanups.push(function () {
        target.removeEventListener(type, handler, options);
      });
    }

    function later(name, delay, fn) {
      clearTimeout(timers[name]);
      timers[name] = setTimeout(function () {
        delete timers[name];
        if (!destroyed) fn();
      }, delay);
    }

    fetch(dataUrl.href, { credentials: "same-origin", signal: abort ? abort.signal : undefined })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (destroyed) return;
        timings.dataLoaded = performance.now();
        var model = decode(data, dataUrl);
        timings.decoded = performance.now();
        build(model);
      })
      .catch(function (error) {
        if (destroyed || (error && error.name === "AbortError")) return;
        setStatus("The timeline could not be loaded (" + error.message + ").");
        if (window.console) window.console.error(error);
      });

    function build(model) {
      var events = model.events;
      var state = readState();
      var controls = {
        form: document.querySelector(".chronology-timeline__controls"),
        nav: document.querySelector(".chronology-timeline__nav"),
        filter: document.getElementById("timeline-filter"),
        actor: document.getElementById("timeline-actor"),
        agreement: document.getElementById("timeline-agreement"),
        year: document.getElementById("timeline-year"),
        group: document.getElementById("timeline-group"),
        legend: document.getElementById("timeline-legend")
      };
      var visible = new Uint8Array(events.length);
      var visibleCount = 0;
      var groupVisible = {};
      var laneSeen = {};
      var typeChecks = [];

      // Facet options and the legend, built from the data (text only).
      fillFacets(model, controls);
      typeChecks = fillLegend(model, controls.legend);

      // Restore the state from the URL.
      if (controls.filter) controls.filter.value = state.q;
      if (state.type) {
        var wanted = state.type.split(",");
        typeChecks.forEach(function (box) {
          box.checked = wanted.indexOf(model.types[+box.value]) >= 0;
        });
      }
      selectValue(controls.actor, state.actor);
      selectValue(controls.agreement, state.agreement);
      selectValue(controls.year, state.year);
      selectValue(controls.group, state.group);
      if (controls.form) controls.form.hidden = false;
      if (controls.nav) controls.nav.hidden = false;

      timings.controls = performance.now();
      computeVisible();
      var bounds = axisBounds(events);
      var window0 = initialWindow(state, model, bounds);
      var grouping = controls.group ? controls.group.value : "";
      var shown = new window.vis.DataSet();
      var groups = null;
      var groupView = null;
      var region = { lo: 0, hi: 0, bin: 0, width: 0 };
      makeGroups(grouping);
      if (window0) aggregate(window0.start.getTime(), window0.end.getTime());
      timings.items = performance.now();
      var options = {
        minHeight: 320,
        maxHeight: "75vh",
        verticalScroll: true,
        zoomKey: "ctrlKey",
        selectable: false,
        stack: true,
        showCurrentTime: false,
        orientation: { axis: "top", item: "top" },
        margin: { item: { horizontal: 6, vertical: 4 } },
        zoomMin: DAY * 3,
        zoomMax: bounds ? Math.max(DAY * 30, (bounds.max - bounds.min) * 1.05) : YEAR * 300,
        min: bounds ? new Date(bounds.min) : undefined,
        max: bounds ? new Date(bounds.max) : undefined,
        // Stacking order: key events take the top lanes, "+N more" items the last.
        order: function (a, b) { return a.r - b.r; },
        groupOrder: "order",
        xss: { disabled: false },
        template: renderItem,
        groupTemplate: renderGroup,
        start: window0 ? window0.start : undefined,
        end: window0 ? window0.end : undefined,
        onInitialDrawComplete: function () {
          afterPaint(function () {
            timings.firstRender = performance.now();
            container.setAttribute("data-ready", "true");
            foldLater(0);
          });
        }
      };

      container.setAttribute("role", "group");
      container.setAttribute(
        "aria-label",
        "Timeline of events. Tab moves between the events in view; Enter opens one."
      );
      timeline = groupView
        ? new window.vis.Timeline(container, shown, groupView, options)
        : new window.vis.Timeline(container, shown, options);
      timings.built = performance.now();
      revealNow(timeline);
      updateStatus();

      /** Fold the filter's text of every event in slices between frames, so that the first
       * keystroke finds it ready (a keystroke before then folds what it needs itself). */
      function foldLater(from) {
        later("fold", 0, function () {
          var to = Math.min(events.length, from + 5000);
          for (var i = from; i < to; i++) if (events[i].hay === null) haystack(model, events[i]);
          if (to < events.length) foldLater(to);
        });
      }

      /** The content of an item. vis-timeline replaces the content whenever the returned
       * node's HTML differs from what is on the page, and the page's copy gains classes
       * and attributes when it takes the keyboard focus: so the node on the page is kept
       * when it shows the same thing, or every redraw would throw away the focused link. */
      function renderItem(item, element) {
        var key = item.c ? "c:" + item.c + ":" + item.s + ":" + item.t : "e:" + item.e;
        var shownNode = element ? element.firstChild : null;
        if (shownNode && shownNode.chronologyKey === key) return shownNode;
        var node = buildItem(item);
        if (typeof node !== "string") node.chronologyKey = key;
        return node;
      }

      function buildItem(item) {
        if (item.c) {
          var more = el("button", "chronology-tl-more", "+" + item.c + " more");
          more.type = "button";
          more.setAttribute("data-start", String(item.s));
          more.setAttribute("data-end", String(item.t));
          more.title = plural(item.c, "more event") + " here: zoom in to see them";
          return more;
        }
        var event = events[item.e];
        if (!event) return "";
        var link = el("a", "chronology-tl-link");
        link.href = hrefOf(model, event);
        link.draggable = false;
        link.setAttribute("data-tip", event.label + " — " + event.title + " (" + event.typeName + ")");
        link.appendChild(el("span", "chronology-tl-type", event.typeName));
        link.appendChild(document.createTextNode(" " + event.title));
        return link;
      }

      function renderGroup(group) {
        var node = el("span", "chronology-tl-group");
        if (!group) return node;
        if (group.t != null) node.appendChild(el("span", "chronology-swatch " + typeClass(model.types[group.t])));
        node.appendChild(document.createTextNode(group.label));
        return node;
      }

      function computeVisible() {
        var terms = fold(controls.filter ? controls.filter.value : "").split(/\s+/).filter(Boolean);
        var typeOn = {};
        var anyTypeOff = false;
        typeChecks.forEach(function (box) {
          typeOn[box.value] = box.checked;
          if (!box.checked) anyTypeOff = true;
        });
        var actor = controls.actor && controls.actor.value !== "" ? +controls.actor.value : -1;
        var agreement = controls.agreement && controls.agreement.value !== "" ? +controls.agreement.value : -1;
        var year = controls.year && controls.year.value !== "" ? +controls.year.value : null;
        var byActor = controls.group && controls.group.value === "actor";
        groupVisible = {};
        visibleCount = 0;
        for (var i = 0; i < events.length; i++) {
          var event = events[i];
          var on =
            (!anyTypeOff || typeOn[event.type] === true) &&
            (actor < 0 || event.actors.indexOf(actor) >= 0) &&
            (agreement < 0 || event.agreements.indexOf(agreement) >= 0) &&
            (year === null || (event.y0 <= year && year <= event.y1));
          if (on && terms.length) {
            var hay = event.hay === null ? haystack(model, event) : event.hay;
            for (var t = 0; on && t < terms.length; t++) {
              if (hay.indexOf(terms[t]) < 0) on = false;
            }
          }
          visible[i] = on ? 1 : 0;
          if (!on) continue;
          visibleCount++;
          if (byActor) {
            if (event.actors.length === 0) groupVisible[-1] = true;
            for (var a = 0; a < event.actors.length; a++) groupVisible[event.actors[a]] = true;
          } else {
            groupVisible[event.type] = true;
          }
        }
      }

      /** The finest bin of the ladder at least BIN_PX wide for a window of ``span`` ms. */
      function binFor(span) {
        var width = Math.max(container.clientWidth || 800, 300);
        var wanted = (span / width) * BIN_PX;
        for (var i = 0; i < LADDER.length; i++) if (LADDER[i] >= wanted) return LADDER[i];
        return LADDER[LADDER.length - 1];
      }

      /** First event (in start order) that may reach into [lo, ...). */
      function firstFrom(lo) {
        var from = lo - model.longest;
        var low = 0;
        var high = events.length;
        while (low < high) {
          var mid = (low + high) >> 1;
          if (events[mid].s < from) low = mid + 1;
          else high = mid;
        }
        return low;
      }

      /**
       * Fill vis-timeline with the items of three window widths around [start, end): every
       * matching event of a bin that holds at most PER_BIN of them; otherwise the bin's
       * PER_BIN - 1 most important events and one "+N more" item.
       */
      function aggregate(start, end) {
        var span = Math.max(end - start, DAY);
        var bin = binFor(span);
        var lo = start - span;
        var hi = end + span;
        var flipFrom = end - (span / Math.max(container.clientWidth || 800, 300)) * LABEL_PX;
        var byActor = grouping === "actor";
        var byType = grouping === "type";
        // One bucket per (group, bin): how many events match there, and the PER_BIN best
        // ranked of them, kept in rank order as the events come (no sort of the bin).
        var buckets = new Map();
        var order = [];
        var matching = 0;
        laneSeen = {};
        for (var i = firstFrom(lo); i < events.length; i++) {
          var event = events[i];
          if (event.s > hi) break;
          if (!visible[i] || event.t < lo) continue;
          matching++;
          var slot = Math.floor(event.s / bin);
          var lanes = byActor ? (event.actors.length ? event.actors : [-1]) : [byType ? event.type : 0];
          for (var l = 0; l < lanes.length; l++) {
            var key = grouping ? lanes[l] + ":" + slot : slot;
            var bucket = buckets.get(key);
            if (bucket === undefined) {
              bucket = { key: key, group: lanes[l], slot: slot, count: 0, best: [] };
              buckets.set(key, bucket);
              order.push(bucket);
            }
            bucket.count++;
            keepBest(bucket.best, event);
            laneSeen[lanes[l]] = true;
          }
        }
        var fresh = {};
        var rows = [];
        var clustered = bin > DAY && matching > SHOW_ALL_UP_TO;
        for (var b = 0; b < order.length; b++) {
          var found = order[b];
          var members = found.best;
          var keep = members.length;
          if (clustered && found.count > PER_BIN) keep = PER_BIN - 1;
          else if (!clustered && found.count > members.length) {
            members = allIn(found, lo, hi, bin);
            keep = members.length;
          }
          for (var m = 0; m < keep; m++) {
            var row = eventItem(members[m], grouping ? found.group : undefined, flipFrom, end - flipFrom);
            fresh[row.id] = true;
            rows.push(row);
          }
          if (keep < found.count) {
            var cluster = {
              id: "c:" + found.key,
              c: found.count - keep,
              r: 1e15,
              s: found.slot * bin,
              t: (found.slot + 1) * bin,
              start: new Date(found.slot * bin),
              end: new Date((found.slot + 1) * bin),
              type: "range",
              className: "chronology-tl-cluster"
            };
            if (grouping) cluster.group = found.group;
            fresh[cluster.id] = true;
            rows.push(cluster);
          }
        }
        var stale = shown.getIds({ filter: function (item) { return !fresh[item.id]; } });
        if (stale.length) shown.remove(stale);
        shown.update(rows);
        region = { lo: lo, hi: hi, bin: bin, width: container.clientWidth, flip: flipFrom };
        // What is drawn, for tests and tools: the window aggregated for, how many times the
        // items were aggregated, the bin width and the "+N more" items.
        container.setAttribute("data-window", formatDay(new Date(start)) + "/" + formatDay(new Date(end)));
        container.setAttribute("data-drawn", String(+(container.getAttribute("data-drawn") || 0) + 1));
        container.setAttribute("data-bin-days", String(Math.round(bin / DAY)));
        container.setAttribute("data-clusters", String(rows.filter(function (r) { return r.c; }).length));
        if (groupView) groupView.refresh();
      }

      /** Keep ``best`` the PER_BIN best-ranked events seen, in rank order. */
      function keepBest(best, event) {
        if (best.length === PER_BIN) {
          if (best[PER_BIN - 1].rank <= event.rank) return;
          best.pop();  // the worst makes room
        }
        var at = best.length;
        best.push(event);
        while (at > 0 && best[at - 1].rank > event.rank) {
          best[at] = best[at - 1];
          at--;
        }
        best[at] = event;
      }

      /** Every matching event of a bucket (when nothing aggregates: few events match). */
      function allIn(bucket, lo, hi, bin) {
        var found = [];
        for (var i = firstFrom(lo); i < events.length; i++) {
          var event = events[i];
          if (event.s > hi) break;
          if (!visible[i] || event.t < lo || Math.floor(event.s / bin) !== bucket.slot) continue;
          if (grouping === "actor") {
            var lanes = event.actors.length ? event.actors : [-1];
            if (lanes.indexOf(bucket.group) < 0) continue;
          } else if (grouping === "type" && event.type !== bucket.group) continue;
          found.push(event);
        }
        return found;
      }

      function eventItem(event, group, flipFrom, labelMs) {
        var classes = typeClass(event.typeName);
        if (event.key) classes += " chronology-tl-key";
        var row = {
          id: group === undefined ? "e" + event.index : "e" + event.index + ":" + group,
          e: event.index,
          r: event.rank,
          start: new Date(event.s),
          s: event.s,
          t: event.t
        };
        if (event.range) {
          row.end = new Date(event.t);
          row.type = "range";
        } else if (event.s > flipFrom) {
          // Its label would run off the right edge: a range of a label's width that ends on
          // the date, its label right-aligned and its dot at the end (see the stylesheet).
          row.type = "range";
          row.start = new Date(event.s - labelMs);
          row.end = new Date(event.s);
          classes += " chronology-tl-flip";
        } else {
          row.type = "point";
        }
        row.className = classes;
        if (group !== undefined) row.group = group;
        return row;
      }

      /** Aggregate again when the view has left the aggregated region or changed scale. */
      function follow(start, end, force) {
        start = +start;
        end = +end;
        var span = Math.max(end - start, DAY);
        var moved = start < region.lo || end > region.hi || binFor(span) !== region.bin;
        var edge = end - (span / Math.max(container.clientWidth || 800, 300)) * LABEL_PX;
        if (force || moved || Math.abs(edge - region.flip) > span / 20) aggregate(start, end);
      }

      function applyFilters(inputTime) {
        var applied = performance.now();
        computeVisible();
        var range = timeline.getWindow();
        aggregate(range.start.getTime(), range.end.getTime());
        updateStatus();
        scheduleUrl(0);
        if (inputTime != null) {
          var record = { input: inputTime, applied: applied, refreshed: performance.now(), visible: visibleCount };
          afterPaint(function () {
            record.painted = performance.now();
            (timings.filter = timings.filter || []).push(record);
          });
        }
      }

      function makeGroups(name) {
        grouping = name;
        groups = null;
        groupView = null;
        if (name === "actor") {
          groups = model.actors.map(function (actor, index) {
            return { id: index, order: index, label: actor.name };
          });
          groups.push({ id: -1, order: model.actors.length, label: "No actor" });
        } else if (name === "type") {
          groups = model.types.map(function (typeName, index) {
            return { id: index, order: index, label: typeName, t: index };
          });
        }
        if (groups) {
          // Every group with a matching event; with many (thousands of actors), only those
          // with items around the view, so that vis-timeline draws dozens of lanes, not
          // thousands.
          var many = groups.length > ALL_GROUPS_UP_TO;
          groupView = new window.vis.DataView(new window.vis.DataSet(groups), {
            filter: function (group) {
              return groupVisible[group.id] === true && (!many || laneSeen[group.id] === true);
            }
          });
        }
      }

      /** Show every matching event: the axis from the first to the last of them. */
      function fitAll() {
        var first = Infinity;
        var last = -Infinity;
        for (var i = 0; i < events.length; i++) {
          if (!visible[i]) continue;
          first = Math.min(first, events[i].s);
          last = Math.max(last, events[i].t);
        }
        if (first === Infinity) return;
        var range = padded(first, last, bounds);
        follow(range.start, range.end, true);
        timeline.setWindow(range.start, range.end, { animation: false });
      }

      function regroup() {
        var range = timeline.getWindow();
        computeVisible();
        shown.clear();
        makeGroups(controls.group.value);
        aggregate(range.start.getTime(), range.end.getTime());
        timeline.setData({ groups: groupView, items: shown });
        timeline.setWindow(range.start, range.end, { animation: false });
        updateStatus();
        scheduleUrl(0);
      }

      function updateStatus() {
        var total = events.length;
        var noun = total === 1 ? "event" : "events";
        var text = visibleCount === total
          ? total + " " + noun + "."
          : visibleCount + " of " + total + " " + noun + " match the filters.";
        if (region.bin > DAY && container.getAttribute("data-clusters") !== "0") {
          text += " Zoomed out, the most important events show first; “+N more” zooms in.";
        }
        setStatus(text);
        container.setAttribute("data-visible", String(visibleCount));
      }

      function currentState() {
        var range = timeline.getWindow();
        var off = typeChecks.filter(function (box) { return !box.checked; });
        var on = typeChecks.filter(function (box) { return box.checked; });
        return {
          q: controls.filter ? controls.filter.value.trim() : "",
          type: off.length ? on.map(function (box) { return model.types[+box.value]; }).join(",") : "",
          actor: controls.actor && controls.actor.value !== "" ? model.actors[+controls.actor.value].id : "",
          agreement:
            controls.agreement && controls.agreement.value !== ""
              ? model.agreements[+controls.agreement.value].id
              : "",
          year: controls.year ? controls.year.value : "",
          group: controls.group ? controls.group.value : "",
          start: formatDay(range.start),
          end: formatDay(range.end)
        };
      }

      function scheduleUrl(delay) {
        later("url", delay || URL_DELAY, function () {
          // Instant navigation may have moved on: never rewrite another page's URL.
          if (window.location.pathname !== pathname || !container.isConnected) return;
          var params = new URLSearchParams(window.location.search);
          var state = currentState();
          STATE_KEYS.forEach(function (key) {
            if (state[key]) params.set(key, state[key]);
            else params.delete(key);
          });
          var query = params.toString();
          var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
          if (url !== window.location.pathname + window.location.search + window.location.hash) {
            window.history.replaceState(window.history.state, "", url);
          }
        });
      }

      // --- the full title of an item, on hover and on keyboard focus -------------------

      tip = el("div", "chronology-tl-tip");
      tip.setAttribute("role", "tooltip");
      tip.id = "timeline-tip";
      tip.hidden = true;
      container.appendChild(tip);

      function showTip(target) {
        var link = target && target.closest ? target.closest("[data-tip]") : null;
        if (!link || !container.contains(link)) {
          tip.hidden = true;
          return;
        }
        tip.textContent = link.getAttribute("data-tip");
        tip.hidden = false;
        var box = link.getBoundingClientRect();
        var frame = container.getBoundingClientRect();
        var left = Math.min(box.left - frame.left, frame.width - tip.offsetWidth - 4);
        tip.style.left = Math.max(0, left) + "px";
        tip.style.top = box.bottom - frame.top + 4 + "px";
      }

      listen(container, "mouseover", function (event) { showTip(event.target); });
      listen(container, "mouseleave", function () { tip.hidden = true; });
      listen(container, "focusin", function (event) { showTip(event.target); });
      listen(container, "focusout", function () { tip.hidden = true; });

      // --- wiring --------------------------------------------------------------------

      if (controls.form) listen(controls.form, "submit", function (event) { event.preventDefault(); });
      if (controls.filter) {
        listen(controls.filter, "input", function (event) {
          var stamp = event.timeStamp || performance.now();
          later("filter", FILTER_DELAY, function () { applyFilters(stamp); });
        });
      }
      [controls.actor, controls.agreement, controls.year].forEach(function (select) {
        if (select) listen(select, "change", function () { applyFilters(null); });
      });
      if (controls.legend) listen(controls.legend, "change", function () { applyFilters(null); });
      if (controls.group) listen(controls.group, "change", regroup);
      if (controls.nav) {
        listen(controls.nav, "click", function (event) {
          var button = event.target.closest ? event.target.closest("[data-timeline-action]") : null;
          if (button) act(button.getAttribute("data-timeline-action"));
        });
      }

      function act(action) {
        var range = timeline.getWindow();
        var width = range.end - range.start;
        if (action === "earlier") moveTo(+range.start - width / 2, +range.end - width / 2);
        else if (action === "later") moveTo(+range.start + width / 2, +range.end + width / 2);
        else if (action === "zoom-in") timeline.zoomIn(0.5);
        else if (action === "zoom-out") timeline.zoomOut(0.5);
        else if (action === "fit") fitAll();
        else if (action === "story" && model.open) {
          var story = padded(model.open.start, model.open.end, bounds);
          moveTo(story.start.getTime(), story.end.getTime());
        } else if (action === "reset") {
          if (controls.filter) controls.filter.value = "";
          typeChecks.forEach(function (box) { box.checked = true; });
          [controls.actor, controls.agreement, controls.year].forEach(function (select) {
            if (select) select.value = "";
          });
          applyFilters(null);
        }
      }

      function moveTo(start, end) {
        follow(start, end, false);
        timeline.setWindow(new Date(start), new Date(end), { animation: false });
      }

      // A "+N more" item zooms into its bin.
      listen(container, "click", function (event) {
        var more = event.target.closest ? event.target.closest(".chronology-tl-more") : null;
        if (!more) return;
        event.preventDefault();
        var start = +more.getAttribute("data-start");
        var end = +more.getAttribute("data-end");
        var margin = (end - start) * 0.1;
        moveTo(start - margin, end + margin);
      });

      var moving = false;
      timeline.on("rangechange", function (props) {
        // While dragging, only when the view leaves the aggregated region.
        if (moving) return;
        moving = true;
        requestAnimationFrame(function () {
          moving = false;
          if (destroyed || !timeline) return;
          var range = timeline.getWindow();
          if (+range.start < region.lo || +range.end > region.hi) follow(range.start, range.end, true);
        });
      });
      timeline.on("rangechanged", function (props) {
        follow(props.start, props.end, false);
        updateStatus();
        scheduleUrl(URL_DELAY);
      });

      // A click on an item opens its event page. The link inside the item handles clicks on
      // its text (and Enter); a click elsewhere on the item is passed on to that link, so
      // that Material's instant navigation sees an ordinary link click.
      timeline.on("click", function (props) {
        if (props.item == null || !props.event || !props.event.target) return;
        var target = props.event.target;
        if (target.closest && target.closest("a, button")) return;
        var box = target.closest ? target.closest(".vis-item") : null;
        var link = box ? box.querySelector("a.chronology-tl-link, button.chronology-tl-more") : null;
        if (link) link.click();
      });

      // Dragging to pan must not end in a click on the link under the pointer.
      var down = null;
      var moved = false;
      listen(container, "pointerdown", function (event) {
        down = { x: event.clientX, y: event.clientY };
        moved = false;
      }, true);
      listen(container, "pointermove", function (event) {
        if (down && Math.abs(event.clientX - down.x) + Math.abs(event.clientY - down.y) > 5) moved = true;
      }, true);
      listen(container, "click", function (event) {
        if (moved && event.target.closest && event.target.closest("a, button")) {
          event.preventDefault();
          event.stopPropagation();
        }
        down = null;
        moved = false;
      }, true);
    }

    return {
      destroy: function () {
        destroyed = true;
        if (abort) abort.abort();
        Object.keys(timers).forEach(function (name) { clearTimeout(timers[name]); });
        cleanups.forEach(function (cleanup) { cleanup(); });
        if (timeline) timeline.destroy();
        if (tip && tip.parentNode) tip.parentNode.removeChild(tip);
        timeline = null;
      }
    };
  }

  /**
   * vis-timeline keeps a timeline given an explicit start/end invisible until its 200 ms
   * "rangechanged" debounce has passed and something else redraws it (up to a second
   * later). The window is already final here, so say so and redraw now.
   */
  function revealNow(timeline) {
    if (timeline.initialDrawDone) return;
    if ("initialRangeChangeDone" in timeline) {
      timeline.initialRangeChangeDone = true;
      timeline.redraw();
    }
    if (!timeline.initialDrawDone) {
      timeline.on("rangechanged", function once() {
        timeline.off("rangechanged", once);
        timeline.redraw();
      });
    }
  }

  function afterPaint(fn) {
    requestAnimationFrame(function () { setTimeout(fn, 0); });
  }

  function selectValue(select, wanted) {
    if (!select || !wanted) return;
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      if (option.value === wanted || option.getAttribute("data-id") === wanted) {
        select.selectedIndex = i;
        return;
      }
    }
  }

  /** Where the axis may go: a little before the first and after the last event. */
  function axisBounds(events) {
    if (events.length === 0) return null;
    var first = Infinity;
    var last = -Infinity;
    for (var i = 0; i < events.length; i++) {
      first = Math.min(first, events[i].s);
      last = Math.max(last, events[i].t);
    }
    var margin = Math.max((last - first) * 0.02, DAY * 7);
    return { min: first - margin, max: last + margin };
  }

  /** The window the page opens on: the URL's, else the densest stretch of the story. */
  function initialWindow(state, model, bounds) {
    if (validDay(state.start) && validDay(state.end) && parseDay(state.start) < parseDay(state.end)) {
      return { start: parseDay(state.start), end: parseDay(state.end) };
    }
    if (!bounds) return null;
    if (model.open) return padded(model.open.start, model.open.end, bounds);
    return padded(bounds.min, bounds.max, bounds);
  }

  /** A window around [start, end] with a small margin, kept within the axis bounds. */
  function padded(start, end, bounds) {
    var span = Math.max(end - start, DAY * 30);
    var from = start - span * 0.04;
    var to = end + span * 0.04;
    if (bounds) {
      from = Math.max(from, bounds.min);
      to = Math.min(to, bounds.max);
    }
    return { start: new Date(from), end: new Date(Math.max(to, from + DAY * 3)) };
  }

  function fillFacets(model, controls) {
    var counts = { actor: {}, agreement: {}, year: {} };
    var minYear = Infinity;
    var maxYear = -Infinity;
    model.events.forEach(function (event) {
      event.actors.forEach(function (a) { counts.actor[a] = (counts.actor[a] || 0) + 1; });
      event.agreements.forEach(function (a) { counts.agreement[a] = (counts.agreement[a] || 0) + 1; });
      for (var y = event.y0; y <= event.y1; y++) counts.year[y] = (counts.year[y] || 0) + 1;
      minYear = Math.min(minYear, event.y0);
      maxYear = Math.max(maxYear, event.y1);
    });
    resetSelect(controls.actor);
    model.actors.forEach(function (actor, index) {
      addOption(controls.actor, String(index), actor.name + " (" + (counts.actor[index] || 0) + ")", actor.id);
    });
    resetSelect(controls.agreement);
    model.agreements.forEach(function (agreement, index) {
      addOption(
        controls.agreement, String(index),
        agreement.title + " (" + (counts.agreement[index] || 0) + ")", agreement.id
      );
    });
    resetSelect(controls.year);
    for (var year = maxYear; year >= minYear; year--) {
      if (counts.year[year]) addOption(controls.year, String(year), year + " (" + counts.year[year] + ")", String(year));
    }
  }

  function resetSelect(select) {
    if (!select) return;
    while (select.options.length > 1) select.remove(1);
  }

  function addOption(select, value, label, id) {
    if (!select) return;
    var option = document.createElement("option");
    option.value = value;
    option.textContent = label;
    option.setAttribute("data-id", id);
    select.appendChild(option);
  }

  function fillLegend(model, legend) {
    if (!legend) return [];
    var counts = {};
    model.events.forEach(function (event) { counts[event.type] = (counts[event.type] || 0) + 1; });
    Array.prototype.slice.call(legend.querySelectorAll("label")).forEach(function (node) { node.remove(); });
    return model.types.map(function (name, index) {
      var label = el("label", "chronology-timeline__type");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = String(index);
      label.appendChild(box);
      label.appendChild(el("span", "chronology-swatch " + typeClass(name)));
      label.appendChild(document.createTextNode(name + " (" + (counts[index] || 0) + ")"));
      legend.appendChild(label);
      return box;
    });
  }

  // --- start ---------------------------------------------------------------------------

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
