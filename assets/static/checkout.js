// Checkout: the shipping methods follow the country picked on the page, and
// cash on delivery the method. The server renders every method its cart can
// go by, those not delivering to the address hidden and disabled, each with
// the countries it delivers to (data-countries, none for all) and whether it
// takes cash on delivery (data-cod). Without this script the form works the
// same and the server refuses what does not fit, naming why.
(function () {
  "use strict";
  var form = document.querySelector("form.checkout");
  if (!form) return;
  var country = document.getElementById("checkout-country");
  var methods = form.querySelectorAll("input[name=shipping_method]");
  var cod = form.querySelector("input[name=payment_method][value=cod]");
  var nowhere = form.querySelector("[data-no-ship-country]");

  // show shows or hides a radio's choice; a hidden one is never sent.
  function show(input, on) {
    input.closest("label").hidden = !on;
    input.disabled = !on;
  }
  // pick checks input as the shopper would, so that htmx prices the
  // summary with the new method.
  function pick(input) {
    input.checked = true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function delivers(input, code) {
    var list = (input.getAttribute("data-countries") || "").split(" ").filter(Boolean);
    return code === "" || list.length === 0 || list.indexOf(code) >= 0;
  }
  // Local pickup goes with any country yet delivers to none: the shopper
  // chooses it, the script never does, as it takes the address (and the
  // country to change) out of view.
  function pickup(input) {
    return input.getAttribute("data-kind") === "pickup";
  }

  function followMethod() {
    if (!cod) return;
    var m = form.querySelector("input[name=shipping_method]:checked");
    var on = !m || m.getAttribute("data-cod") !== "false";
    show(cod, on);
    if (!on && cod.checked) {
      var other = form.querySelector("input[name=payment_method]:not(:disabled)");
      if (other) other.checked = true;
    }
  }

  function followCountry(changed) {
    // With pickup chosen the country is out of view: every method is
    // offered, so that the shopper can go back to a delivery.
    var m = form.querySelector("input[name=shipping_method]:checked");
    var code = country && !(m && pickup(m)) ? country.value : "";
    var first = null;
    var checked = null;
    var delivery = false;
    for (var i = 0; i < methods.length; i++) {
      var ok = delivers(methods[i], code);
      show(methods[i], ok);
      if (ok && methods[i].checked) checked = methods[i];
      if (pickup(methods[i])) continue;
      delivery = true;
      if (ok && !first) first = methods[i];
    }
    if (!checked && first) pick(first);
    if (nowhere && delivery) {
      nowhere.hidden = first !== null;
      if (!first && country && country.selectedIndex >= 0) {
        var name = country.options[country.selectedIndex].text;
        nowhere.textContent = (nowhere.getAttribute("data-message") || "").replace("%s", name);
      }
    }
    // The server's word on the method was about the country sent before.
    var said = document.getElementById("checkout-shipping_method-error");
    if (changed && said) said.hidden = true;
    followMethod();
  }

  function start() {
    if (country) {
      country.addEventListener("change", function () {
        followCountry(true);
      });
    }
    form.addEventListener("change", function (e) {
      if (e.target && e.target.name === "shipping_method") followCountry(false);
    });
    followCountry(false);
  }
  // After htmx has set up the page (on DOMContentLoaded too, registered
  // before this deferred script), so that it hears a method picked here.
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
