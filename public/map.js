// The map of the OCOP points of sale (/nhung/diem-ban, framed by the site's own pages): Leaflet
// over the configured tiles, one marker per point of the GeoJSON, each opening its point's page.
// The page's data-* attributes say what to draw; nothing here is needed to read the list.
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) return;
  var d = el.dataset;
  // Leaflet's own credit carries inline styles, which this page's policy refuses: a plain one
  var map = L.map(el, { scrollWheelZoom: false, attributionControl: false });
  var credit = L.control.attribution({ prefix: '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>' }).addTo(map);
  if (d.tiles) {
    L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution }).addTo(map);
  } else {
    credit.addAttribution(d.attribution);
  }
  // Đắk Lắk as a whole until the points are known
  map.setView([12.9, 108.4], 8);
  fetch(d.points, { headers: { Accept: 'application/geo+json' } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var byId = {};
      var layer = L.geoJSON(data, {
        onEachFeature: function (f, marker) {
          var box = document.createElement('div');
          var a = document.createElement('a');
          a.href = f.properties.url;
          a.target = '_top';
          a.textContent = f.properties.name;
          var p = document.createElement('p');
          p.textContent = f.properties.address;
          box.appendChild(a);
          box.appendChild(p);
          marker.bindPopup(box);
          byId[String(f.id)] = marker;
        }
      }).addTo(map);
      // no animation: a marker takes clicks at once, where it is drawn
      var focus = byId[d.focus || ''];
      if (focus) {
        map.setView(focus.getLatLng(), 15, { animate: false });
      } else if (layer.getLayers().length) {
        map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 14, animate: false });
      }
      el.setAttribute('data-markers', String(layer.getLayers().length));
    })
    .catch(function () {
      el.setAttribute('data-markers', 'error');
    });
})();
