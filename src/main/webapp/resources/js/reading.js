/*
 * The reading view's image tools, all in the browser on the image the server sent: zoom (buttons,
 * wheel), pan (drag), brightness and contrast (CSS filters), and the heatmap overlay (on/off,
 * opacity, class). No inline script: the page only marks elements with ids and data attributes.
 */
(function () {
  "use strict";

  function setUp() {
    var viewer = document.getElementById("viewer");
    if (!viewer || viewer.dataset.ready) {
      return;
    }
    viewer.dataset.ready = "true";
    var stage = document.getElementById("stage");
    var image = document.getElementById("scanImage");
    var overlay = document.getElementById("heatmapOverlay");
    var view = { scale: 1, x: 0, y: 0 };
    var drag = null;

    function apply() {
      stage.style.transform =
        "translate(" + view.x + "px, " + view.y + "px) scale(" + view.scale + ")";
      viewer.dataset.scale = view.scale.toFixed(2);
    }

    function zoom(factor) {
      view.scale = Math.min(8, Math.max(1, view.scale * factor));
      if (view.scale === 1) {
        view.x = 0;
        view.y = 0;
      }
      apply();
    }

    bind("zoomIn", "click", function () { zoom(1.25); });
    bind("zoomOut", "click", function () { zoom(0.8); });
    bind("resetView", "click", function () {
      view = { scale: 1, x: 0, y: 0 };
      value("brightness", 100);
      value("contrast", 100);
      filter();
      apply();
    });
    viewer.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1);
    }, { passive: false });
    viewer.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX - view.x, y: event.clientY - view.y };
      viewer.setPointerCapture(event.pointerId);
    });
    viewer.addEventListener("pointermove", function (event) {
      if (drag) {
        view.x = event.clientX - drag.x;
        view.y = event.clientY - drag.y;
        apply();
      }
    });
    viewer.addEventListener("pointerup", function () { drag = null; });
    viewer.addEventListener("pointercancel", function () { drag = null; });
    viewer.addEventListener("keydown", function (event) {
      var step = 20;
      var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[event.key]) {
        event.preventDefault();
        view.x += moves[event.key][0];
        view.y += moves[event.key][1];
        apply();
      } else if (event.key === "+" || event.key === "=") {
        zoom(1.25);
      } else if (event.key === "-") {
        zoom(0.8);
      }
    });

    function filter() {
      image.style.filter =
        "brightness(" + number("brightness") / 100 + ") contrast(" + number("contrast") / 100 + ")";
    }
    bind("brightness", "input", filter);
    bind("contrast", "input", filter);

    if (overlay) {
      setUpHeatmap(viewer, overlay);
    }
  }

  function setUpHeatmap(viewer, overlay) {
    var shown = document.getElementById("heatmapShown");
    var opacity = document.getElementById("heatmapOpacity");
    var label = document.getElementById("heatmapLabel");
    var status = document.getElementById("heatmapStatus");
    var loaded = null;
    var url = null;

    function show() {
      overlay.style.opacity = String(Number(opacity.value) / 100);
      overlay.hidden = !shown.checked || !loaded;
    }

    function load() {
      var wanted = label.value;
      if (!shown.checked || loaded === wanted) {
        show();
        return;
      }
      status.textContent = viewer.dataset.loading;
      fetch(viewer.dataset.heatmap + "?label=" + encodeURIComponent(wanted), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          var method = response.headers.get("X-Heatmap-Method") || "";
          return response.blob().then(function (png) { return { png: png, method: method }; });
        })
        .then(function (answer) {
          if (url) {
            URL.revokeObjectURL(url);
          }
          url = URL.createObjectURL(answer.png);
          overlay.src = url;
          overlay.alt = viewer.dataset.overlayAlt + " " + label.options[label.selectedIndex].text;
          loaded = wanted;
          viewer.dataset.heatmapLabel = wanted;
          var words = { "class-activation-map": viewer.dataset.cam, occlusion: viewer.dataset.occlusion };
          status.textContent = viewer.dataset.methodWords + " " + (words[answer.method] || answer.method);
          show();
        })
        .catch(function () {
          loaded = null;
          status.textContent = viewer.dataset.failed;
          show();
        });
    }

    if (viewer.dataset.label) {
      label.value = viewer.dataset.label;
    }
    shown.addEventListener("change", load);
    label.addEventListener("change", load);
    opacity.addEventListener("input", show);
    load();
  }

  function bind(id, event, handler) {
    var element = document.getElementById(id);
    if (element) {
      element.addEventListener(event, handler);
    }
  }

  function number(id) {
    return Number(document.getElementById(id).value);
  }

  function value(id, v) {
    document.getElementById(id).value = v;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
