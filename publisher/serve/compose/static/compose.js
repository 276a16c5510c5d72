/* publisher serve's composer: moving documents by drag (SortableJS) and by keyboard,
   saving the issue as it changes, previews refreshed after each build, and tasks
   (build, check, test copy, import) followed until they end. Pages are readable
   without it; this file only adds to them. Licence: AGPL-3.0-or-later, as publisher. */
"use strict";
(() => {
  document.documentElement.classList.add("js");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const post = (url, body, accept = "application/json", keepalive = false) =>
    fetch(url, {method: "POST", body, keepalive, headers: {"X-CSRF-Token": csrf, "Accept": accept}});
  const KEEPALIVE_LIMIT = 60000;  // bytes a request may carry past the page's end (64 KiB)

  async function answerOf(send) {
    /* The server's JSON answer, or one saying why there is none (the server stopped, or
       a proxy answered), so that the page never waits for it. */
    let response;
    try {
      response = await send();
    } catch (error) {
      return {ok: false, errors: [`the server did not answer (${error.message}): is publisher serve still running?`]};
    }
    if ((response.headers.get("Content-Type") || "").includes("json")) {
      try { return await response.json(); } catch (error) { /* said below */ }
    }
    return {ok: false, errors: [`the server answered ${response.status} ${response.statusText} without saying why: the terminal running publisher serve may say more`]};
  }

  async function refreshed(selectors) {
    /* The parts of this page that list documents, as the server lists them now: a file
       imported since it loaded shows without a reload. */
    const response = await fetch(location.href);
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const selector of selectors) {
      const now = $(selector), then = $(selector, fresh);
      if (now && then) now.innerHTML = then.innerHTML;
    }
  }

  function follow(url, target, then) {
    /* Show a task's progress in `target` until it ends. */
    const tick = async () => {
      const response = await fetch(url + "?part");
      target.innerHTML = await response.text();
      const state = $(".task-state", target);
      if (state && state.dataset.running === "true") setTimeout(tick, 700);
      else if (then) then();
    };
    tick();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const running = $(".task[data-running='true']");
    if (running) follow(running.dataset.task, running);
    setUpImport();
    setUpEditor();
  });

  function setUpImport() {
    const drop = $("#drop");
    if (!drop) return;
    drop.hidden = false;
    const report = $("#import-report");
    const send = async (files) => {
      for (const file of files) {
        const answer = await answerOf(() => post(drop.dataset.import + "?name=" + encodeURIComponent(file.name), file));
        const box = document.createElement("div");
        report.append(box);
        if (answer.ok) await new Promise((done) => follow(answer.task, box, done));
        else box.textContent = answer.errors.join(" ");
      }
      await refreshed(["#pool-heading", "table.pool tbody", "select[name='language']", "select[name='tag']"]);
    };
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      send(Array.from(event.dataTransfer.files));
    });
    $("#import-files").addEventListener("change", (event) => send(Array.from(event.target.files)));
  }

  function setUpEditor() {
    const form = $("#issue");
    if (!form) return;
    const sections = $("#sections");
    const pool = $("#pool");
    const status = $("#status");
    const errors = $("#errors");
    const announce = (text) => { status.textContent = text; };
    let timer = null;
    let stopped = false;
    let dirty = false;  // typed or moved since the last save was sent
    let refused = false;  // the last save was not written
    let saving = Promise.resolve();  // saves one after another: each needs the last's digest

    const sectionTitle = (section, index) =>
      $("input[name='section.title']", section).value.trim() || `section ${index + 1}`;

    function refreshTargets() {
      const select = $("#add-target");
      const chosen = select.selectedIndex;
      select.innerHTML = "";
      $$(".section", sections).forEach((section, index) => {
        select.add(new Option(`${index + 1}. ${sectionTitle(section, index)}`, String(index)));
        // A screen reader hears which section "Move section up" moves.
        $$(".section-named", section).forEach((span) => {
          span.textContent = ": " + sectionTitle(section, index);
        });
      });
      if (chosen >= 0 && chosen < select.options.length) select.selectedIndex = chosen;
    }

    function newDocument(ref, title, meta) {
      const item = $("#doc-template").content.firstElementChild.cloneNode(true);
      item.dataset.ref = ref;
      item.dataset.title = title;
      $("input", item).value = ref;
      $(".doc-title", item).textContent = title;
      $(".meta", item).textContent = meta;
      $$(".visually-hidden", item).forEach((span) => { span.textContent = ": " + title; });
      return item;
    }

    function newSection() {
      const section = $("#section-template").content.firstElementChild.cloneNode(true);
      sections.append(section);
      sortable(section);
      refreshTargets();
      return section;
    }

    const inIssue = (ref) => $$(".doc", sections).some((item) => item.dataset.ref === ref);

    // A document the build cannot read would stop the issue's build: never added.
    const unreadable = ({title, problem}) => problem && `${title} cannot be added: the build cannot read it (${problem}).`;

    function add(poolItem, section) {
      const {ref, title, meta} = poolItem.dataset;
      if (unreadable(poolItem.dataset)) { announce(unreadable(poolItem.dataset)); return null; }
      if (inIssue(ref)) { announce(`${title} is already in this issue.`); return null; }
      const item = newDocument(ref, title, meta);
      $(".docs", section).append(item);
      return item;
    }

    // Every drag's moving copy goes on <body> (fallbackOnBody), outside the form: inside
    // it, a save during the drag would post the dragged document twice.
    function sortable(section) {
      if (!window.Sortable) return;
      Sortable.create($(".docs", section), {
        group: "documents", animation: 150, forceFallback: true, fallbackOnBody: true,
        onAdd: (event) => {
          if (event.from !== pool) return;
          const dropped = event.item;
          const {ref, title, meta} = dropped.dataset;
          if (unreadable(dropped.dataset)) {
            dropped.remove();
            announce(unreadable(dropped.dataset));
          } else if (inIssue(ref) && $$(".doc", sections).filter((i) => i.dataset.ref === ref).length > 1) {
            dropped.remove();
            announce(`${title} is already in this issue.`);
          } else {
            dropped.replaceWith(newDocument(ref, title, meta));
            announce(`${title} added to ${sectionTitle(section, $$(".section", sections).indexOf(section))}.`);
          }
          changed();
        },
        onEnd: changed,
      });
    }

    function changed() {
      refreshTargets();
      dirty = true;
      if (stopped) return;
      if (!form.elements.file.value) return;  // a new issue is written when Save is pressed
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    }

    function save(leaving = false) {
      clearTimeout(timer);
      timer = null;
      saving = saving.then(() => sendSave(leaving));
      return saving;
    }

    async function sendSave(leaving) {
      if (stopped) return;
      if (!$$(".doc", sections).length) {
        announce("Not saved yet: add a document to a section.");
        return;
      }
      const body = new URLSearchParams(new FormData(form));
      body.set("_accept", "application/json");
      const saved = $$(".section", sections);
      dirty = false;
      announce("Saving…");
      // Leaving the page: a request the browser finishes after it (when small enough).
      const keepalive = leaving && body.toString().length < KEEPALIVE_LIMIT;
      // Named, for the reload's request to wait for it: it may reach the server first.
      const left = keepalive ? Date.now().toString(36) + Math.random().toString(36).slice(2) : "";
      if (left) {
        body.set("_leaving", left);
        document.cookie = `publisher-leaving=${left}; path=${location.pathname}; SameSite=Strict`;
      }
      const answer = await answerOf(() => post(form.action, body, "application/json", keepalive));
      if (left) document.cookie = `publisher-leaving=; path=${location.pathname}; max-age=0`;  // stayed
      refused = !answer.ok;
      if (answer.ok) {
        errors.innerHTML = "";
        // The file's sections are now in the order posted: later saves move from there.
        saved.forEach((section, index) => { $("input[name='section.origin']", section).value = String(index); });
        const first = !form.elements.file.value;
        form.elements.digest.value = answer.digest;
        form.elements.file.value = answer.file;
        announce(`Saved issues/${answer.file} at ${new Date().toLocaleTimeString()}.`);
        if (first) {  // the issue's own page opens, and says it was saved
          sessionStorage.setItem("publisher-saved", answer.file);
          location.assign(answer.url);
        }
        return;
      }
      errors.innerHTML = "";
      const intro = document.createElement("p");
      intro.textContent = "Not saved:";
      const list = document.createElement("ul");
      for (const error of answer.errors) {
        const line = document.createElement("li");
        const pre = document.createElement("pre");
        pre.textContent = error;
        line.append(pre);
        list.append(line);
      }
      errors.append(intro, list);
      if (answer.conflict) {
        stopped = true;
        const reload = document.createElement("a");
        reload.href = answer.url;
        reload.textContent = "Reload the issue from disk";
        errors.append(reload);
      }
      announce("Not saved.");
    }

    form.addEventListener("submit", (event) => { event.preventDefault(); save(); });
    form.addEventListener("change", changed);
    form.addEventListener("input", () => { dirty = true; });

    // Leaving the page (a link, the tab closed, another tab) sends what is not saved yet,
    // rather than lose it with the autosave's delay; it asks first when what is on the
    // page cannot be saved (refused, changed on disk, or a new issue not saved yet).
    const flush = () => {
      if ((dirty || timer) && form.elements.file.value && !stopped) save(true);
    };
    window.addEventListener("beforeunload", (event) => {
      flush();
      if (refused || (dirty && !form.elements.file.value)) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") flush();
    });

    pool.addEventListener("click", (event) => {
      const button = event.target.closest("[data-add]");
      if (!button) return;
      const index = Number($("#add-target").value);
      const section = $$(".section", sections)[index] || newSection();
      const item = add(button.closest(".doc"), section);
      if (item) {
        announce(`${item.dataset.title} added to ${sectionTitle(section, index)}.`);
        changed();
      }
    });

    sections.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const all = $$(".section", sections);
      if (button.dataset.move) {
        const item = button.closest(".doc");
        const section = item.closest(".section");
        const move = button.dataset.move;
        if (move === "up" && item.previousElementSibling) item.previousElementSibling.before(item);
        else if (move === "down" && item.nextElementSibling) item.nextElementSibling.after(item);
        else if (move === "next") {
          const next = all[(all.indexOf(section) + 1) % all.length];
          $(".docs", next).append(item);
        } else if (move === "remove") {
          const neighbour = item.nextElementSibling || item.previousElementSibling;
          item.remove();
          announce(`${item.dataset.title} removed.`);
          (neighbour ? $("button", neighbour) : $("input", section)).focus();
          changed();
          return;
        }
        const now = item.closest(".section");
        const where = $$(".doc", now).indexOf(item) + 1;
        announce(`${item.dataset.title}: ${where} of ${$$(".doc", now).length} in ${sectionTitle(now, all.indexOf(now))}.`);
        button.focus();
        changed();
      } else if (button.dataset.sectionMove) {
        const section = button.closest(".section");
        const move = button.dataset.sectionMove;
        if (move === "up" && section.previousElementSibling) section.previousElementSibling.before(section);
        else if (move === "down" && section.nextElementSibling) section.nextElementSibling.after(section);
        else if (move === "remove") {
          if ($$(".doc", section).length && !confirm("Remove this section and its documents from the issue?")) return;
          section.remove();
          announce("Section removed.");
          $("#add-section").focus();
          changed();
          return;
        }
        button.focus();
        announce(`Section moved: now ${$$(".section", sections).indexOf(section) + 1} of ${$$(".section", sections).length}.`);
        changed();
      }
    });
    sections.addEventListener("input", refreshTargets);

    $("#add-section").addEventListener("click", () => {
      const section = newSection();
      $("input", section).focus();
      announce("Section added: give it a title.");
    });

    if (window.Sortable) {
      Sortable.create(pool, {group: {name: "documents", pull: "clone", put: false}, sort: false, forceFallback: true, fallbackOnBody: true});
      Sortable.create(sections, {handle: ".handle", animation: 150, forceFallback: true, fallbackOnBody: true, onEnd: changed});
      $$(".section", sections).forEach(sortable);
    }
    if (!$$(".section", sections).length) newSection();
    refreshTargets();
    if (form.elements.file.value && sessionStorage.getItem("publisher-saved") === form.elements.file.value) {
      sessionStorage.removeItem("publisher-saved");
      announce(`Saved issues/${form.elements.file.value}.`);
    }

    const filter = () => {
      const words = $("#pool-filter").value.toLowerCase().split(/\s+/).filter(Boolean);
      $$(".doc", pool).forEach((item) => {
        item.hidden = !words.every((word) => item.dataset.search.includes(word));
      });
    };
    $("#pool-filter").addEventListener("input", filter);
    // Documents imported in another tab (or written into documents/) join the list when
    // the editor comes back to this one, and after each build.
    const refreshPool = async () => { await refreshed(["#pool"]); filter(); };
    window.addEventListener("focus", refreshPool);

    const preview = $("#editorial-preview");
    const showEditorial = async () => {
      const body = new URLSearchParams({editorial: form.elements.editorial.value, language: form.elements.language.value});
      const response = await post("/compose/markdown", body, "text/html");
      preview.innerHTML = await response.text();
      preview.hidden = false;
    };
    $("#show-editorial").addEventListener("click", showEditorial);
    let typing = null;
    for (const field of [form.elements.editorial, form.elements.language]) {  // its words, its direction
      field.addEventListener("input", () => {
        if (preview.hidden) return;
        clearTimeout(typing);
        typing = setTimeout(showEditorial, 500);
      });
    }

    const previews = $("#previews");
    const refreshPreviews = async () => {
      if (!previews) return;
      const response = await fetch(previews.dataset.previews);
      $("#preview-body").innerHTML = await response.text();
    };
    const task = $("#task");
    $$("[data-task-form]").forEach((taskForm) => {
      taskForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (timer) await save();  // the build (or check, or test copy) of the issue as shown
        const response = await post(taskForm.action, new URLSearchParams(new FormData(taskForm)));
        if (!response.ok) {  // said where a task still running cannot write over it
          const json = (response.headers.get("Content-Type") || "").includes("json");
          announce(json ? (await response.json()).errors.join(" ") : "Refused: " + response.statusText);
          return;
        }
        follow(response.url, task, refreshPreviews);
      });
    });
    if (previews && window.EventSource) {
      const since = document.querySelector('meta[name="publisher-build"]').content;
      new EventSource("/__publisher/events?since=" + since).onmessage = () => { refreshPreviews(); refreshPool(); };
    }
  }
})();
