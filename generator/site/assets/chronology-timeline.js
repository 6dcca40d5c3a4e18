/*
 * Chronology: the interactive timeline page.
 *
 * Loaded on every page of the site (after vis-timeline); acts only where <div id="timeline">
 * exists. It fetches the page's data file (data-src, relative to the page), draws events with
 * vis-timeline and keeps the filters and the visible window in the query string.
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
  var FIT_ALL_BELOW = 400;   // larger timelines open on their latest events
  var OPEN_ON_LATEST = 120;
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

  // --- data ------------------------------------------------------------------------

  /** Turn the compact rows of data.json into event objects (see generator/site/timeline.py). */
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
    var events = (data.events || []).map(function (row, index) {
      var start = parseDay(row[2]);
      var last = row[3] ? parseDay(row[3]) : null;
      var type = types[row[4]] || "other";
      var actorList = row[5] || [];
      var hay = [row[1], type, row[7]];
      for (var i = 0; i < actorList.length; i++) {
        if (actors[actorList[i]]) hay.push(actors[actorList[i]].hay);
      }
      return {
        index: index,
        id: row[0],
        title: row[1],
        start: start,
        end: last ? nextDay(last) : null,
        y0: start.getFullYear(),
        y1: (last || start).getFullYear(),
        type: row[4],
        typeName: type,
        actors: actorList,
        agreements: row[6] || [],
        label: row[7],
        href: new URL(row.length > 8 ? row[8] : pattern[0] + row[0] + pattern[1], root).href,
        hay: fold(hay.join(" "))
      };
    });
    return { types: types, actors: actors, agreements: agreements, events: events };
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
      var window0 = initialWindow(state, events);
      // vis-timeline builds an object per item it is given, visible or not (about 0.1 ms
      // each): a large timeline only gets the matching items near the visible window,
      // three widths wide, and that region moves with the window.
      var windowed = events.length > FIT_ALL_BELOW;
      var region = { lo: -Infinity, hi: Infinity };
      if (windowed && window0) setRegion(window0.start.getTime(), window0.end.getTime());
      var items = null;
      var groups = null;
      makeViews(controls.group ? controls.group.value : "");
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
        zoomMax: DAY * 365 * 300,
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
          });
        }
      };

      container.setAttribute("role", "group");
      container.setAttribute(
        "aria-label",
        "Timeline of events. Tab moves between the events in view; Enter opens one."
      );
      timeline = groups
        ? new window.vis.Timeline(container, items, groups, options)
        : new window.vis.Timeline(container, items, options);
      timings.built = performance.now();
      revealNow(timeline);
      updateStatus();

      function renderItem(item) {
        var event = events[item.e];
        if (!event) return "";
        var link = el("a", "chronology-tl-link");
        link.href = event.href;
        link.draggable = false;
        link.title = event.label + " — " + event.title + " (" + event.typeName + ")";
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
          for (var t = 0; on && t < terms.length; t++) {
            if (event.hay.indexOf(terms[t]) < 0) on = false;
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

      function applyFilters(inputTime) {
        var applied = performance.now();
        computeVisible();
        // vis-timeline redraws on the next animation frame; no synchronous redraw here.
        items.refresh();
        if (groups) groups.refresh();
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

      function setRegion(start, end) {
        if (!windowed) return;
        var width = Math.max(end - start, DAY);
        region.lo = start - width;
        region.hi = end + width;
      }

      function makeViews(grouping) {
        var built = buildItems(model, grouping);
        items = new window.vis.DataView(built.items, {
          filter: function (item) {
            return visible[item.e] === 1 && item.t >= region.lo && item.s <= region.hi;
          }
        });
        groups = built.groups
          ? new window.vis.DataView(built.groups, {
              filter: function (group) {
                return groupVisible[group.id] === true;
              }
            })
          : null;
      }

      /** Load the items around the window when it has moved out of the loaded region. */
      function followWindow(start, end, force) {
        start = +start;
        end = +end;
        if (!windowed || (!force && start >= region.lo && end <= region.hi)) return;
        setRegion(start, end);
        items.refresh();
      }

      /** Show every matching event (vis' own fit only sees the loaded items, and leaves no
       * room for the labels of the last ones). */
      function fitAll() {
        var first = Infinity;
        var last = -Infinity;
        for (var i = 0; i < events.length; i++) {
          if (!visible[i]) continue;
          first = Math.min(first, events[i].start.getTime());
          last = Math.max(last, (events[i].end || events[i].start).getTime());
        }
        if (first === Infinity) return;
        var range = padded(first, last);
        followWindow(range.start, range.end, true);
        timeline.setWindow(range.start, range.end);
      }

      function regroup() {
        var start = timeline.getWindow().start;
        var end = timeline.getWindow().end;
        computeVisible();
        makeViews(controls.group.value);
        timeline.setData({ groups: groups, items: items });
        timeline.setWindow(start, end, { animation: false });
        updateStatus();
        scheduleUrl(0);
      }

      function updateStatus() {
        var total = events.length;
        var noun = total === 1 ? "event" : "events";
        if (visibleCount === total) setStatus(total + " " + noun + ".");
        else setStatus(visibleCount + " of " + total + " " + noun + " match the filters.");
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
        else if (action === "reset") {
          if (controls.filter) controls.filter.value = "";
          typeChecks.forEach(function (box) { box.checked = true; });
          [controls.actor, controls.agreement, controls.year].forEach(function (select) {
            if (select) select.value = "";
          });
          applyFilters(null);
        }
      }

      function moveTo(start, end) {
        followWindow(start, end, false);
        timeline.setWindow(new Date(start), new Date(end));
      }

      timeline.on("rangechange", function (props) { followWindow(props.start, props.end, false); });
      timeline.on("rangechanged", function (props) {
        followWindow(props.start, props.end, false);
        scheduleUrl(URL_DELAY);
      });

      // A click on an item opens its event page. The link inside the item handles clicks on
      // its text (and Enter); a click elsewhere on the item is passed on to that link, so
      // that Material's instant navigation sees an ordinary link click.
      timeline.on("click", function (props) {
        if (props.item == null || !props.event || !props.event.target) return;
        var target = props.event.target;
        if (target.closest && target.closest("a")) return;
        var box = target.closest ? target.closest(".vis-item") : null;
        var link = box ? box.querySelector("a.chronology-tl-link") : null;
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
        if (moved && event.target.closest && event.target.closest("a")) {
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

  /** Items (and groups) for one grouping: "" (none), "type" or "actor". */
  function buildItems(model, grouping) {
    var events = model.events;
    var rows = [];
    var groups = null;
    function item(event, id, group) {
      var row = {
        id: id,
        e: event.index,
        start: event.start,
        s: event.start.getTime(),
        t: (event.end || event.start).getTime(),
        className: typeClass(event.typeName)
      };
      if (event.end) {
        row.end = event.end;
        row.type = "range";
      } else {
        row.type = "point";
      }
      if (group !== undefined) row.group = group;
      return row;
    }
    if (grouping === "actor") {
      groups = model.actors.map(function (actor, index) {
        return { id: index, order: index, label: actor.name };
      });
      groups.push({ id: -1, order: model.actors.length, label: "No actor" });
      events.forEach(function (event) {
        if (event.actors.length === 0) rows.push(item(event, event.index + ":-1", -1));
        event.actors.forEach(function (actor) {
          rows.push(item(event, event.index + ":" + actor, actor));
        });
      });
    } else if (grouping === "type") {
      groups = model.types.map(function (name, index) {
        return { id: index, order: index, label: name, t: index };
      });
      events.forEach(function (event) {
        rows.push(item(event, event.index, event.type));
      });
    } else {
      events.forEach(function (event) {
        rows.push(item(event, event.index));
      });
    }
    return {
      items: new window.vis.DataSet(rows),
      groups: groups ? new window.vis.DataSet(groups) : null
    };
  }

  function initialWindow(state, events) {
    if (validDay(state.start) && validDay(state.end) && parseDay(state.start) < parseDay(state.end)) {
      return { start: parseDay(state.start), end: parseDay(state.end) };
    }
    if (events.length === 0) return null;
    var from = events.length > FIT_ALL_BELOW ? events.length - OPEN_ON_LATEST : 0;
    var start = events[from].start.getTime();
    var end = start;
    for (var i = from; i < events.length; i++) {
      end = Math.max(end, (events[i].end || events[i].start).getTime());
    }
    return padded(start, end);
  }

  /** A window around [start, end], with room on the right for the labels of the last events. */
  function padded(start, end) {
    var span = Math.max(end - start, DAY * 30);
    return { start: new Date(start - span * 0.03), end: new Date(end + span * 0.25) };
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
