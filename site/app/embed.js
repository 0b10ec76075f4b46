/* gouji checker — embed script.
 *
 *   <script src="…/app/embed.js" defer></script>
 *
 * puts the checker (app/frame.html, from the same place as this script) in an
 * iframe right where the script tag stands, and keeps the iframe as tall as
 * its content.  Options, as attributes of the script tag:
 *   data-target="#id"   mount into that element instead
 *   data-height="600"   starting height in pixels
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var src = new URL("frame.html", script.src).href;
  var frame = document.createElement("iframe");
  frame.src = src;
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
    if (ev.source !== frame.contentWindow) return;
    var d = ev.data;
    if (d && d.gouji === "size" && typeof d.height === "number" && d.height > 0) {
      frame.style.height = Math.min(d.height, 20000) + "px";
    }
  });
})();
