/* gouji checker — embed script.
 *
 *   <script src="…/app/embed.js" defer></script>
 *
 * puts the checker (app/frame.html, from the same place as this script) in an
 * iframe right where the script tag stands, and keeps the iframe as tall as
 * its content.  The frame is told this page's origin (in its URL's fragment,
 * which is never sent to a server) and posts its height to this origin only,
 * and nothing else; this page takes only those messages, from that frame.
 * Options, as attributes of the script tag:
 *   data-target="#id"   mount into that element instead
 *   data-height="600"   starting height in pixels
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var src = new URL("frame.html", script.src);
  var frameOrigin = src.origin;
  // an opaque origin (a file:// page, a sandbox) cannot be posted to: no
  // fragment, and the frame keeps its starting height
  if (window.location.origin && window.location.origin !== "null") {
    src.hash = "origin=" + encodeURIComponent(window.location.origin);
  }
  var frame = document.createElement("iframe");
  frame.src = src.href;
  frame.title = "年度报告自查（勾稽）";
  frame.className = "gouji-embed";
  frame.setAttribute("loading", "eager");
  frame.style.cssText = "display:block;width:100%;border:0;min-height:200px;height:" +
    (parseInt(script.getAttribute("data-height"), 10) || 600) + "px";
  var target = script.getAttribute("data-target");
  function mount() {
    var host = target ? document.querySelector(target) : null;
    if (host) host.appendChild(frame);
    else script.parentNode.insertBefore(frame, script);
  }
  if (target && document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
  window.addEventListener("message", function (ev) {
    if (ev.source !== frame.contentWindow || ev.origin !== frameOrigin) return;
    var d = ev.data;
    if (d && d.gouji === "size" && typeof d.height === "number" && d.height > 0) {
      frame.style.height = Math.min(d.height, 20000) + "px";
    }
  });
})();
