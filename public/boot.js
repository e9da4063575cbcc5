// The map about to open, shown as a picture in the map's place while the app
// loads (index.html, #boot-map), so that a slow network shows the map within
// a second, not a blank frame. The app removes the whole frame when it starts.
// Which picture, and its fetch, were settled as the page's head was read
// (public/boot-picture.js, window.okrCanvasPicture); this puts it on the page
// once the page's body and style are there.
//
// The app starts once the picture is on screen (window.okrCanvasBoot, awaited
// by src/browser/boot.rs; a second at most, at once when there is no picture).
// Its start is one long task: a picture painted during it would be painted
// after it, and one the app removes before the browser has reported its paint
// is lost.
"use strict";

(function () {
  // The longest the app waits for the picture to be on screen, in milliseconds.
  var LONGEST_WAIT = 1000;

  var shown;
  window.okrCanvasBoot = new Promise(function (resolve) {
    shown = resolve;
  });
  setTimeout(shown, LONGEST_WAIT);

  var picture = window.okrCanvasPicture;
  var image = document.getElementById("boot-map");
  if (!image || !picture) {
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

  // The picture is the image's alone from here.
  delete window.okrCanvasPicture;
  function done() {
    if (picture.kept) {
      URL.revokeObjectURL(picture.source);
    }
  }

  var drawn = whenOnScreen();
  var frame = document.getElementById("boot");
  // "Opening…" moves below the map before the first paint, not under the eyes.
  frame.classList.add("boot--map");
  // Under a header as tall as the app's was (a long title can wrap its
  // toolbar), the map's area, and so the picture, is where the app's will be.
  if (picture.header) {
    frame.style.setProperty("--boot-header", picture.header + "px");
  }
  image.addEventListener("load", function () {
    image.hidden = false;
    done();
    drawn();
  });
  image.addEventListener("error", function () {
    done();
    shown();
  });
  image.src = picture.source;
  // Fetched and decoded already: drawn in the page's first frame.
  if (picture.early.complete && picture.early.naturalWidth > 0) {
    image.hidden = false;
  }
})();
