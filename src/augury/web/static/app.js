// augury: small comforts only; every page works without this file.
(function () {
  "use strict";
  // "/" jumps to the search box, as on many reading sites.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.getElementById("q");
      if (box) {
        event.preventDefault();
        box.focus();
      }
    }
    // Escape hides a forecast's tooltip by moving focus away from it.
    if (event.key === "Escape" && target && target.classList && target.classList.contains("fc")) {
      target.blur();
    }
  });
})();
