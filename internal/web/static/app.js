// gapmap page script. Pages carry no inline script: each chart's ECharts
// option sits in a JSON data island,
//   <script type="application/json" data-chart="ID" data-notice="ID">…</script>,
// which this script parses and draws into the element named by data-chart.
// A click on a graph node or a bar opens the page its data names (its
// "url", a same-origin path). A chart element with data-height gets that
// height in pixels (charts with many rows grow). A click on a cell whose data
// holds a "detail" lists it in a section under the chart. Once ECharts has finished
// drawing, the chart element gets data-rendered="1". If ECharts did not
// load, the element named by data-notice is shown.
//
// Every chart reads on any screen: the page's own description of the chart
// (the element's aria-label, in the page's language) is what ECharts gives
// screen readers; a legend gets all the lines it needs above the plot; on a
// narrow screen axis labels take less width, and a chart marked
// data-phone="table" (one that cannot be read that small) is not drawn:
// the element named by data-phone-notice points to the table instead.
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

  var NARROW = 600;

  // legendRoom returns the height of a plain horizontal legend of names
  // laid out in width, as ECharts lays it out (12 px text, 25 px symbol,
  // 10 px gaps), in pixels.
  function legendRoom(names, width) {
    var ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '12px sans-serif';
    var lines = 1;
    var x = 0;
    for (var i = 0; i < names.length; i++) {
      var w = 30 + ctx.measureText(String(names[i])).width;
      if (x > 0 && x + w > width) {
        lines++;
        x = 0;
      }
      x += w + 10;
    }
    return lines * 14 + (lines - 1) * 10;
  }

  function list(v) {
    if (!v) {
      return [];
    }
    return Array.isArray(v) ? v : [v];
  }

  // fit adapts option to the chart element's width: room for every line
  // of the legend, and narrower axis labels on a narrow screen. It
  // returns how many pixels the chart must grow.
  function fit(option, el) {
    var width = el.clientWidth || window.innerWidth;
    var grow = 0;
    var legends = list(option.legend);
    if (legends.length === 1 && legends[0].show !== false && legends[0].orient !== 'vertical') {
      var lg = legends[0];
      var names = lg.data;
      if (!names) {
        names = [];
        list(option.series).forEach(function (s) {
          (s.categories || []).forEach(function (c) { names.push(c.name); });
          if (!s.categories && s.name) { names.push(s.name); }
        });
      }
      names = names.map(function (n) { return typeof n === 'object' && n ? n.name : n; });
      var need = (parseInt(lg.top, 10) || 0) + legendRoom(names, width - 20) + 16;
      var holders = list(option.grid).length ? list(option.grid) : list(option.series).filter(function (s) { return s.type === 'graph'; });
      holders.forEach(function (h) {
        var top = parseInt(h.top, 10) || 0;
        if (top < need) {
          grow = Math.max(grow, need - top);
          h.top = need;
        }
      });
    }
    if (width < NARROW) {
      list(option.yAxis).concat(list(option.xAxis)).forEach(function (ax) {
        if (ax.type === 'category' && ax.axisLabel && ax.axisLabel.width) {
          ax.axisLabel.width = Math.min(ax.axisLabel.width, Math.round(width * 0.34));
        }
      });
    }
    return grow;
  }

  function add(parent, tag, text) {
    var e = document.createElement(tag);
    if (text) {
      e.textContent = text;
    }
    parent.appendChild(e);
    return e;
  }

  // serviceList lists services: each its name (a link to its page), who
  // runs it and its note.
  function serviceList(parent, services) {
    var ul = add(parent, 'ul');
    services.forEach(function (s) {
      var li = add(ul, 'li');
      if (sameOriginPath(s.url)) {
        add(li, 'a', s.name).setAttribute('href', s.url);
      } else {
        add(li, 'span', s.name);
      }
      if (s.organisation) {
        add(li, 'span', ' (' + s.organisation + ')').className = 'org';
      }
      if (s.note) {
        add(li, 'span', ': ' + s.note).className = 'note';
      }
    });
    return ul;
  }

  // showDetail lists a selected cell's detail (its services, and the
  // services that exclude with their rules; every word is the page's, from
  // the server) in a section under the chart element el.
  function showDetail(el, d) {
    var id = el.id + '-detail';
    var sec = document.getElementById(id);
    if (!sec) {
      sec = document.createElement('section');
      sec.id = id;
      sec.className = 'cell-detail';
      sec.setAttribute('aria-live', 'polite');
      el.parentNode.insertBefore(sec, el.nextSibling);
    }
    sec.textContent = '';
    add(sec, 'h3', d.title);
    add(sec, 'p', d.summary);
    add(sec, 'h4', d.covering_head);
    if (d.none) {
      add(sec, 'p', d.none).className = 'none';
    }
    serviceList(sec, d.covering || []).className = 'covering';
    if (d.excluded && d.excluded.length) {
      add(sec, 'h4', d.excluded_head);
      serviceList(sec, d.excluded).className = 'excluded';
    }
    sec.scrollIntoView({ block: 'nearest' });
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
    if (el.getAttribute('data-phone') === 'table' && (el.clientWidth || window.innerWidth) < NARROW) {
      el.hidden = true;
      var phone = document.getElementById(el.getAttribute('data-phone-notice'));
      if (phone) {
        phone.hidden = false;
      }
      return;
    }
    var desc = el.getAttribute('aria-label');
    if (desc) {
      option.aria = option.aria || {};
      option.aria.enabled = true;
      option.aria.label = { enabled: true, description: desc };
    }
    var search = option.gapmapSearch;
    delete option.gapmapSearch;
    var grow = fit(option, el);
    var height = parseInt(el.getAttribute('data-height'), 10);
    if (height > 0) {
      el.style.height = (height + grow) + 'px';
    }
    var chart = window.echarts.init(el, null, { renderer: 'canvas' });
    // data-rendered="1" marks a chart drawn to rest (for tests and tools).
    chart.on('finished', function () {
      el.setAttribute('data-rendered', '1');
    });
    chart.setOption(option);
    chart.on('click', function (params) {
      // A cell that explains itself (its "detail") lists it under the chart.
      if (params.data && params.data.detail) {
        showDetail(el, params.data.detail);
        return;
      }
      // A graph node or a bar that names a page (its "url") opens it.
      if (params.dataType !== 'edge' && params.data && sameOriginPath(params.data.url)) {
        window.location.assign(params.data.url);
      }
    });
    window.addEventListener('resize', function () {
      chart.resize();
    });
    if (search) {
      searchBox(el, chart, search);
    }
  }

  // searchBox puts a search box (its words in w, the page's) above the
  // graph chart el: the nodes whose names hold what is typed are
  // highlighted, and named in a status line under the box.
  function searchBox(el, chart, w) {
    var box = document.createElement('div');
    box.className = 'map-search';
    var id = el.id + '-search';
    var label = add(box, 'label', w.label);
    label.setAttribute('for', id);
    var input = add(box, 'input');
    input.type = 'search';
    input.id = id;
    var status = add(box, 'p');
    status.id = id + '-status';
    status.setAttribute('role', 'status');
    input.setAttribute('aria-describedby', status.id);
    el.parentNode.insertBefore(box, el);
    var found = [];
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      if (found.length) {
        chart.dispatchAction({ type: 'downplay', seriesIndex: 0, dataIndex: found });
      }
      found = [];
      var names = [];
      if (q) {
        (chart.getOption().series[0].data || []).forEach(function (d, i) {
          if (String(d.name).toLowerCase().indexOf(q) >= 0) {
            found.push(i);
            names.push(d.name);
          }
        });
      }
      input.setAttribute('data-found', found.join(','));
      if (found.length) {
        chart.dispatchAction({ type: 'highlight', seriesIndex: 0, dataIndex: found });
        status.textContent = w.found + ' ' + names.join(', ');
      } else {
        status.textContent = q ? w.none : '';
      }
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
