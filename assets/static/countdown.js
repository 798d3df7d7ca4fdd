// Flash-sale countdowns. The server renders each one's seconds left by its
// own clock (data-seconds-left) and the end time in words; this script only
// counts down from that figure with the page's monotonic clock, never the
// visitor's wall clock, and reloads the page when a price ends so that the
// server shows the next one. Without it the end time stays readable.
// A page served from the shop's page cache was rendered earlier: its
// Server-Timing "age" (an htmx swap's Age header) is taken off.
(function () {
  "use strict";
  if (window.storefrontCountdown) {
    window.storefrontCountdown();
    return;
  }
  var timers = [];
  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }
  function show(t) {
    var s = Math.max(0, Math.ceil((t.deadline - performance.now()) / 1000));
    var days = Math.floor(s / 86400);
    var hms = (Math.floor(s / 3600) % 24) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
    // The days' words are the page's (data-days, such as "%dd"), as views' clock writes them.
    t.clock.textContent = days > 0 ? (t.clock.getAttribute("data-days") || "%dd").replace("%d", days) + " " + hms : hms;
    return s;
  }
  // pageAge is how long before it was sent the page was rendered, in ms.
  function pageAge() {
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var timings = (nav && nav.serverTiming) || [];
    for (var i = 0; i < timings.length; i++) {
      if (timings[i].name === "age") return timings[i].duration || 0;
    }
    return 0;
  }
  function scan(age) {
    var els = document.querySelectorAll("[data-seconds-left]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.getAttribute("data-counting")) continue;
      var left = parseInt(el.getAttribute("data-seconds-left"), 10);
      var clock = el.querySelector(".sale-countdown-clock");
      if (!(left > 0) || !clock) continue;
      el.setAttribute("data-counting", "1");
      el.hidden = false;
      timers.push({ clock: clock, deadline: performance.now() + left * 1000 - (age || 0) });
    }
  }
  function tick() {
    var ended = false;
    for (var i = 0; i < timers.length; i++) {
      if (timers[i].clock.isConnected && show(timers[i]) === 0) ended = true;
    }
    if (ended) {
      window.clearInterval(interval);
      window.location.reload();
    }
  }
  window.storefrontCountdown = function () {
    scan(0);
  };
  scan(pageAge());
  var interval = window.setInterval(tick, 1000);
  document.addEventListener("htmx:afterSettle", function (e) {
    var xhr = e.detail && e.detail.xhr;
    scan(xhr ? (parseInt(xhr.getResponseHeader("Age"), 10) || 0) * 1000 : 0);
  });
})();
