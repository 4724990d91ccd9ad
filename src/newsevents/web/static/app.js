// newsevents: the little behaviour the pages need. No libraries; pages work without it.
"use strict";

function setupHighlightToggles() {
  const text = document.getElementById("article-text");
  const toggles = document.getElementById("toggles");
  if (!text || !toggles) return;
  toggles.addEventListener("change", (event) => {
    const kind = event.target.dataset.kind;
    if (kind) text.classList.toggle("no-" + kind, !event.target.checked);
  });
}

// Clicking an event (or opening its #anchor) picks out the runs of its evidence in the text.
function focusEvent(ref) {
  document.querySelectorAll(".m.focus").forEach((el) => el.classList.remove("focus"));
  document.querySelectorAll(".event.selected").forEach((el) => el.classList.remove("selected"));
  if (!ref) return;
  const card = document.getElementById(ref);
  if (card) card.classList.add("selected");
  let first = null;
  document.querySelectorAll("#article-text .m.evidence").forEach((el) => {
    if (el.dataset.refs.split(" ").includes(ref)) {
      el.classList.add("focus");
      first = first || el;
    }
  });
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

function setupEventFocus() {
  const list = document.querySelector(".event-list");
  if (!list) return;
  list.addEventListener("click", (event) => {
    const card = event.target.closest(".event");
    if (card) {
      history.replaceState(null, "", "#" + card.dataset.ref);
      focusEvent(card.dataset.ref);
    }
  });
  if (location.hash) focusEvent(decodeURIComponent(location.hash.slice(1)));
}

// A batch page polls its job until it is done, filling in counts and links as text.
function setupJobPolling() {
  const box = document.getElementById("job");
  if (!box) return;
  const set = (id, value) => { document.getElementById(id).textContent = String(value); };
  const fill = (listId, items, render) => {
    const list = document.getElementById(listId);
    list.replaceChildren(...items.map(render));
  };
  const poll = async () => {
    const response = await fetch("/api/jobs/" + encodeURIComponent(box.dataset.job));
    if (!response.ok) return;
    const job = await response.json();
    document.getElementById("job-progress").value = job.done;
    set("job-state", job.state);
    set("job-done", job.done);
    set("job-stored", job.stored);
    set("job-events", job.events);
    set("job-failed", job.failures.length);
    fill("job-articles", job.articles, (a) => {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = "/articles/" + encodeURIComponent(a.id);
      link.textContent = a.title;
      li.append(link);
      return li;
    });
    fill("job-failures", job.failures, (f) => {
      const li = document.createElement("li");
      li.textContent = f;
      return li;
    });
    if (job.state === "queued" || job.state === "running") setTimeout(poll, 500);
  };
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  setupHighlightToggles();
  setupEventFocus();
  setupJobPolling();
});
