// Which picture of the map to show while the app loads, chosen as the page's
// head is read so that its fetch starts beside the style sheets', not after
// them (public/boot.js shows it; index.html, #boot-map).
//
// - a link or a file to open (#…) or a filter in the address (?…): none, the
//   app opens something else, or shows the map otherwise;
// - a canvas kept in this browser: the picture the app keeps of the canvas it
//   had open (okr-canvas:preview, written by the app), if that canvas is the
//   one that opens;
// - a first visit, nothing kept: the sample's picture for this window's shape
//   (public/previews, one per layout the shape leads to; the shapes where the
//   layout changes are below, written by tests/sample_preview.rs).
//
// What storage holds is shown as an image only (an SVG image runs nothing and
// loads nothing), and anything unexpected in it means no picture.
"use strict";

window.okrCanvasPicture = (function () {
  var PREFIX = "okr-canvas:";
  // The header's height the app lays a first map out with (src/browser/window.rs).
  var HEADER_HEIGHT = 72;
  // The window shapes (width / height below the header) at which the sample's
  // layout changes: sample-N.svg is the layout of the shapes past N of them.
  var SAMPLE_SHAPES = [0.131545, 0.207545, 0.287031, 0.378092, 0.505696, 0.720834, 1.009425, 1.395307, 1.880014, 2.285087, 3.143534];

  function sampleFor(width, height) {
    var shape = width / Math.max(height - HEADER_HEIGHT, 1);
    var index = SAMPLE_SHAPES.filter(function (at) {
      return shape >= at;
    }).length;
    return "previews/sample-" + index + ".svg";
  }

  function keptPicture(storage) {
    var library = JSON.parse(storage.getItem(PREFIX + "library") || "null");
    var preview = JSON.parse(storage.getItem(PREFIX + "preview") || "null");
    if (
      !library || !preview || typeof library.open !== "string" ||
      preview.canvas !== library.open || typeof preview.svg !== "string"
    ) {
      return null;
    }
    // The header's height above the map when it was kept, for a window as wide.
    var header = preview.windowWidth === window.innerWidth &&
      typeof preview.headerHeight === "number" &&
      preview.headerHeight >= 40 && preview.headerHeight <= 400
      ? preview.headerHeight
      : null;
    var blob = new Blob([preview.svg], { type: "image/svg+xml" });
    return { source: URL.createObjectURL(blob), kept: true, header: header };
  }

  function choose() {
    if (location.hash.length > 1 || location.search.length > 1) {
      return null;
    }
    var storage = window.localStorage;
    for (var i = 0; i < storage.length; i += 1) {
      var key = storage.key(i) || "";
      if (key === PREFIX + "library" || key === PREFIX + "current" ||
          key.indexOf(PREFIX + "canvas:") === 0) {
        return keptPicture(storage);
      }
    }
    return { source: sampleFor(window.innerWidth, window.innerHeight), kept: false };
  }

  try {
    var picture = choose();
    if (picture) {
      // Fetched (and decoded) now; public/boot.js puts it on the page.
      picture.early = new Image();
      picture.early.src = picture.source;
    }
    return picture;
  } catch (error) {
    // Storage refused or holding something else: the frame says "Opening…".
    return null;
  }
})();
