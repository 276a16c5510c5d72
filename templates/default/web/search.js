// The archive's search page: Pagefind's interface. It finds its index, and the site's root
// its results link from, by where pagefind-ui.js was loaded: the archive is searched
// wherever it is served. Opened from the disk, the page cannot fetch the index: it says so.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (location.protocol === "file:") {
    box.textContent = box.getAttribute("data-on-disk");
    return;
  }
  var languages = {};
  new PagefindUI({
    element: "#search",
    showImages: false,
    processResult: function (result) {
      return passagesInTheirLanguages(keepLanguage(result, languages));
    },
  });
  // Pagefind names its box only in its title attribute, which not every screen reader reads
  // as its name: a <label> of its own, in the page's words, out of sight beside the heading
  // that says the same (outside Pagefind's markup, which it redraws).
  var input = box.querySelector("input");
  if (input) {
    input.id = "search-input";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "visually-hidden";
    label.textContent = box.getAttribute("data-label");
    box.parentNode.insertBefore(label, box);
  }
  announceResults(box);
  markLanguages(box, languages);
});

// Pagefind's index is of one language, and its results say none: a page's language and
// direction come as its metadata (lang, dir), kept here by the result's address, not
// shown among the result's tags.
function keepLanguage(result, languages) {
  var meta = result.meta || {};
  if (meta.lang) {
    languages[meta.url || result.url] = { lang: meta.lang, dir: meta.dir || "ltr" };
  }
  delete meta.lang;
  delete meta.dir;
  return result;
}

// The excerpt's words in a passage of another language than the page's (an English
// editorial on a Farsi edition's page, an English line in an Arabic statement) in a span
// marked with its language and direction. search.py puts an empty mark, named by its id, at
// the start and end of each such passage; Pagefind says at which word each is (the result's
// anchors). The excerpt is found among the page's words to know which words it holds.
function passagesInTheirLanguages(result) {
  var passages = [], open = {};
  (result.anchors || []).forEach(function (anchor) {
    var start = /^lang:(.+):(ltr|rtl):(\d+)$/.exec(anchor.id || "");
    var end = /^lang-end:(\d+)$/.exec(anchor.id || "");
    if (start) {
      open[start[3]] = { start: anchor.location, lang: start[1], dir: start[2] };
    } else if (end && open[end[1]]) {
      open[end[1]].end = anchor.location;
      passages.push(open[end[1]]);
    }
  });
  var shown = (result.excerpt || "").split(" ");
  var first = passages.length ? wordsAt(result.content || "", result.plain_excerpt || "") : -1;
  if (first < 0 || shown.length !== (result.plain_excerpt || "").split(" ").length) return result;
  var runs = [];
  shown.forEach(function (word, index) {
    var passage = passageAt(passages, first + index);
    var last = runs[runs.length - 1];
    if (last && last.passage === passage) last.words.push(word);
    else runs.push({ passage: passage, words: [word] });
  });
  result.excerpt = runs.map(function (run) {
    var words = run.words.join(" ");
    if (!run.passage) return words;
    return '<span lang="' + run.passage.lang + '" dir="' + run.passage.dir + '">' + words + "</span>";
  }).join(" ");
  return result;
}

// Where the excerpt's words start among the page's words (-1: not found).
function wordsAt(content, excerpt) {
  var words = content.split(/\s+/), wanted = excerpt.split(" ");
  for (var start = 0; start + wanted.length <= words.length; start++) {
    var index = 0;
    while (index < wanted.length && words[start + index] === wanted[index]) index++;
    if (index === wanted.length) return start;
  }
  return -1;
}

// The innermost passage that holds the word at `index` (null: none, the page's language).
function passageAt(passages, index) {
  var found = null;
  passages.forEach(function (passage) {
    if (passage.start <= index && index < passage.end && (!found || passage.start >= found.start)) {
      found = passage;
    }
  });
  return found;
}

// Each result marked with its page's language and direction, as Pagefind draws it: an
// Arabic title and excerpt read right to left and are spoken in Arabic on any search page.
// An excerpt all in a passage of another language is marked with that passage's.
function markLanguages(box, languages) {
  new MutationObserver(function () {
    box.querySelectorAll(".pagefind-ui__result").forEach(function (result) {
      var link = result.querySelector(".pagefind-ui__result-link");
      var page = link && languages[link.getAttribute("href")];
      if (page) {
        result.setAttribute("lang", page.lang);
        result.setAttribute("dir", page.dir);
      } else {  // still loading, in a result Pagefind drew for another page before
        result.removeAttribute("lang");
        result.removeAttribute("dir");
      }
      var excerpt = result.querySelector(".pagefind-ui__result-excerpt");
      var whole = excerpt && excerpt.children.length === 1 && excerpt.firstElementChild;
      whole = whole && whole.matches("span[lang]") && excerpt.firstChild === whole
        && excerpt.lastChild === whole ? whole : null;
      if (whole) {
        excerpt.setAttribute("lang", whole.getAttribute("lang"));
        excerpt.setAttribute("dir", whole.getAttribute("dir"));
      } else if (excerpt) {
        excerpt.removeAttribute("lang");
        excerpt.removeAttribute("dir");
      }
    });
  }).observe(box, { childList: true, subtree: true, characterData: true, attributeFilter: ["href"] });
}

// Pagefind shows how many results it found ("3 results for strike", "No results for …")
// in a message nothing tells a screen reader of. A polite live region of our own, there
// before the reader types (a region that appears with its words goes unheard), says the
// message once it has settled: not each "Searching for…" as the reader types.
function announceResults(box) {
  var status = document.createElement("div");
  status.setAttribute("role", "status");
  status.className = "visually-hidden";
  box.parentNode.insertBefore(status, box.nextSibling);
  var settling;
  new MutationObserver(function () {
    clearTimeout(settling);
    settling = setTimeout(function () {
      var message = box.querySelector(".pagefind-ui__message");
      var said = message ? message.textContent.trim() : "";
      if (status.textContent !== said) status.textContent = said;
    }, 500);
  }).observe(box, { childList: true, subtree: true, characterData: true });
}
