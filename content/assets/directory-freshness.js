// Records by age: the town filter shows only the rows of records in or serving that town.
// Rows carry their places (and the places above them) in data-places; without JavaScript
// the filter stays hidden and every row shows.
(function () {
  var select = document.getElementById("freshness-town");
  if (!select) return;
  var rows = document.querySelectorAll(".directory-page--freshness tbody tr");
  function apply() {
    var town = select.value;
    var params = new URLSearchParams(location.search);
    if (town) params.set("town", town); else params.delete("town");
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    rows.forEach(function (row) {
      var places = (row.getAttribute("data-places") || "").split(" ");
      row.hidden = town !== "" && places.indexOf(town) === -1;
    });
  }
  var wanted = new URLSearchParams(location.search).get("town");
  if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
  select.addEventListener("change", apply);
  select.closest("p").hidden = false;
  apply();
})();
