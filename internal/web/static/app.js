// gapmap page script. Pages carry no inline script: each chart's ECharts
// option sits in a JSON data island,
//   <script type="application/json" data-chart="ID" data-notice="ID">…</script>,
// which this script parses and draws into the element named by data-chart.
// A click on a graph node or a bar opens the page its data names (its
// "url", a same-origin path). A chart element with data-height gets that
// height in pixels (charts with many rows grow). Once ECharts has finished
// drawing, the chart element gets data-rendered="1". If ECharts did not
// load, the element named by data-notice is shown.
(function () {
  'use strict';

  function sameOriginPath(url) {
    return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/' && url.charAt(1) !== '\\';
  }

  function showNotice(island) {
    var notice = document.getElementById(island.getAttribute('data-notice'));
    if (notice) {
      notice.hidden = false;
    }
  }

  function draw(island) {
    var el = document.getElementById(island.getAttribute('data-chart'));
    if (!el) {
      return;
    }
    if (typeof window.echarts === 'undefined') {
      el.hidden = true;
      showNotice(island);
      return;
    }
    var option;
    try {
      option = JSON.parse(island.textContent);
    } catch (e) {
      el.hidden = true;
      showNotice(island);
      return;
    }
    var height = parseInt(el.getAttribute('data-height'), 10);
    if (height > 0) {
      el.style.height = height + 'px';
    }
    var chart = window.echarts.init(el, null, { renderer: 'canvas' });
    // data-rendered="1" marks a chart drawn to rest (for tests and tools).
    chart.on('finished', function () {
      el.setAttribute('data-rendered', '1');
    });
    chart.setOption(option);
    chart.on('click', function (params) {
      // A graph node or a bar that names a page (its "url") opens it.
      if (params.dataType !== 'edge' && params.data && sameOriginPath(params.data.url)) {
        window.location.assign(params.data.url);
      }
    });
    window.addEventListener('resize', function () {
      chart.resize();
    });
  }

  function init() {
    var islands = document.querySelectorAll('script[type="application/json"][data-chart]');
    for (var i = 0; i < islands.length; i++) {
      draw(islands[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
