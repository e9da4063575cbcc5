// The map about to open, shown as a picture in the map's place while the app
// loads (index.html, #boot-map), so that a slow network shows the map within
// a second, not a blank frame. The app removes the whole frame when it starts.
//
// Which picture:
// - a link or a file to open (#…) or a filter in the address (?…): none, the
//   app opens something else, or shows the map otherwise;
// - a canvas kept in this browser: the picture the app keeps of the canvas it
//   had open (okr-canvas:preview, written by the app), if that canvas is the
//   one that opens;
// - a first visit, nothing kept: the sample's picture for this window's shape
//   (public/previews, one per layout the shape leads to; data-sample-shapes).
//
// The app starts once the picture is on screen (window.okrCanvasBoot, awaited
// by src/browser/boot.rs; a second at most, at once when there is no picture).
// Its start is one long task: a picture painted during it would be painted
// after it, and one the app removes before the browser has reported its paint
// is lost. The app's module is fetched meanwhile, beside the picture.
//
// What storage holds is shown as an image only (an SVG image runs nothing and
// loads nothing), and anything unexpected in it leaves the frame as it is.
"use strict";

(function () {
  var PREFIX = "okr-canvas:";
  // The header's height the app lays a first map out with (src/browser/window.rs).
  var HEADER_HEIGHT = 72;
  // The longest the app waits for the picture to be on screen, in milliseconds.
  var LONGEST_WAIT = 1000;

  var shown;
  window.okrCanvasBoot = new Promise(function (resolve) {
    shown = resolve;
  });
  setTimeout(shown, LONGEST_WAIT);

  var image = document.getElementById("boot-map");
  if (!image || location.hash.length > 1 || location.search.length > 1) {
    shown();
    return;
  }

  // Told by Element Timing where the browser has it, else after the frame
  // that draws the picture.
  function whenOnScreen() {
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("element") < 0) {
      return function () {
        requestAnimationFrame(function () {
          requestAnimationFrame(shown);
        });
      };
    }
    image.setAttribute("elementtiming", "boot-map");
    new PerformanceObserver(function (list, observer) {
      list.getEntries().forEach(function (entry) {
        if (entry.identifier === "boot-map") {
          observer.disconnect();
          shown();
        }
      });
    }).observe({ type: "element" });
    return function () {};
  }

  function show(source, revoke) {
    var drawn = whenOnScreen();
    // "Opening…" moves below the map before the first paint, not under the eyes.
    document.getElementById("boot").classList.add("boot--map");
    image.addEventListener("load", function () {
      image.hidden = false;
      if (revoke) {
        URL.revokeObjectURL(source);
      }
      drawn();
    });
    image.addEventListener("error", shown);
    image.src = source;
  }

  function sampleFor(width, height) {
    var shape = width / Math.max(height - HEADER_HEIGHT, 1);
    var index = 0;
    (image.getAttribute("data-sample-shapes") || "").split(" ").forEach(function (at) {
      if (at && shape >= Number(at)) {
        index += 1;
      }
    });
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
    var blob = new Blob([preview.svg], { type: "image/svg+xml" });
    return URL.createObjectURL(blob);
  }

  try {
    var storage = window.localStorage;
    var kept = false;
    for (var i = 0; i < storage.length; i += 1) {
      var key = storage.key(i) || "";
      if (key === PREFIX + "library" || key === PREFIX + "current" ||
          key.indexOf(PREFIX + "canvas:") === 0) {
        kept = true;
        break;
      }
    }
    if (!kept) {
      show(sampleFor(window.innerWidth, window.innerHeight));
      return;
    }
    var picture = keptPicture(storage);
    if (picture) {
      show(picture, true);
    } else {
      shown();
    }
  } catch (error) {
    // Storage refused or holding something else: the frame says "Opening…".
    shown();
  }
})();
