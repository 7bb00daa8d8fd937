// Swagger UI for /docs, from the vendored swagger-ui-dist (no CDN, no inline script).
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.dataset.url, dom_id: "#swagger-ui", deepLinking: false });
  // Boxes of examples that scroll sideways can be scrolled from the keyboard too.
  new MutationObserver(function () {
    root.querySelectorAll(".example:not([tabindex]), .microlight:not([tabindex])").forEach(function (box) {
      box.tabIndex = 0;
    });
  }).observe(root, { childList: true, subtree: true });
});
