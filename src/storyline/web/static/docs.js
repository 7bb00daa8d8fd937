// Swagger UI for /docs, from the vendored swagger-ui-dist (no CDN, no inline script).
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.dataset.url, dom_id: "#swagger-ui", deepLinking: true });
});
