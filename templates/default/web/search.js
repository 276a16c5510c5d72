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
      return keepLanguage(result, languages);
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

// Each result marked with its page's language and direction, as Pagefind draws it: an
// Arabic title and excerpt read right to left and are spoken in Arabic on any search page.
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
