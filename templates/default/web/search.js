// The archive's search page: Pagefind's interface. It finds its index, and the site's root
// its results link from, by where pagefind-ui.js was loaded: the archive is searched
// wherever it is served. Opened from the disk, the page cannot fetch the index: it says so.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (location.protocol === "file:") {
    box.textContent = box.getAttribute("data-on-disk");
    return;
  }
  new PagefindUI({ element: "#search", showImages: false });
});
