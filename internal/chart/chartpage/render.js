// gapmap's chart export page. Go calls gapmapRender(option, request) in
// headless Chromium: it draws the ECharts option of a dashboard, with
// animation off, as the dashboards draw it, and lays out the caption and the
// footnote around it. It returns
//   {svg, png, width, height, top, lines}
// svg: the chart as ECharts renders it to SVG (renderer "svg");
// png: the whole figure, caption, chart and footnote, as a PNG data URL
//      (renderer "canvas", at request.scale times the size);
// lines: every line of the caption and the footnote with its position, so
//      that Go writes the same lines into the SVG file.
// Go keeps the page open and draws chart after chart in it: a drawing leaves
// nothing behind that changes the next one (Math.random is seeded again for
// each, and Go renames the ids zrender counts up across the page).
(function () {
  'use strict';

  // A dialog would block the page, and chromedp with it, until someone
  // closed it: the page has no use for one.
  ['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
    window[name] = function () { throw new Error('the chart page opens no dialog (' + name + ')'); };
  });

  var MARGIN = 16;
  // The Go fonts (render.html's @font-face): every chart is laid out and
  // drawn in them, and the SVG files carry their outlines.
  var FONT = 'Go';
  var fontsReady = Promise.all([
    document.fonts.load('12px ' + FONT),
    document.fonts.load('bold 12px ' + FONT)
  ]).then(function () {
    if (!document.fonts.check('12px ' + FONT) || !document.fonts.check('bold 12px ' + FONT)) {
      throw new Error('the chart page could not load the Go fonts');
    }
  });

  // A seeded Math.random: ECharts' force layout starts from random
  // positions, and the same option must give the same file.
  function seeded(seed) {
    return function () {
      seed |= 0;
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function font(p) {
    return (p.bold ? 'bold ' : '') + p.size + 'px ' + FONT;
  }

  // wrap breaks text into lines no wider than width, at spaces.
  function wrap(ctx, text, width) {
    var lines = [];
    String(text).split('\n').forEach(function (para) {
      var words = para.split(/ +/);
      var line = '';
      words.forEach(function (w) {
        var next = line ? line + ' ' + w : w;
        if (line && ctx.measureText(next).width > width) {
          lines.push(line);
          line = w;
        } else {
          line = next;
        }
      });
      lines.push(line);
    });
    return lines;
  }

  // layout places the paragraphs from y down; it returns the lines and the
  // y where they end.
  function layout(paras, width, y) {
    var ctx = document.createElement('canvas').getContext('2d');
    var out = [];
    (paras || []).forEach(function (p, i) {
      if (i > 0) {
        y += Math.round(p.size * 0.4);
      }
      ctx.font = font(p);
      wrap(ctx, p.text, width - 2 * MARGIN).forEach(function (text) {
        var lh = Math.round(p.size * 1.4);
        out.push({ text: text, x: MARGIN, y: y + Math.round(p.size * 1.05), size: p.size, bold: !!p.bold, grey: !!p.grey });
        y += lh;
      });
    });
    return { lines: out, end: y };
  }

  // ECharts' force layout, with layoutAnimation false as the dashboards
  // have it, runs its steps (some 500, until the friction falls below 0.01)
  // one after another, and lays out every node and edge of the graph again
  // after each step; only the positions of the last step are ever seen.
  // stepAll runs the same steps, from the same start, to the same positions,
  // and lays the graph out once, at the end: the same drawing in about half
  // the time. Where ECharts has no such method (another version), or with
  // request.stepwise, ECharts runs as it is.
  var graphView = echarts.ChartView && echarts.ChartView.getClass && echarts.ChartView.getClass('graph');
  var iterate = graphView && graphView.prototype._startForceLayoutIteration;
  var stepwise = false;
  if (typeof iterate === 'function' && typeof graphView.prototype.updateLayout === 'function') {
    graphView.prototype._startForceLayoutIteration = function stepAll(forceLayout, layoutAnimation) {
      if (layoutAnimation || stepwise) {
        return iterate.apply(this, arguments);
      }
      var stopped = false;
      while (!stopped) {
        forceLayout.step(function (s) { stopped = s; });
      }
      this.updateLayout(this._model);
      this._layouting = false;
    };
  }

  // legendRoom returns the height of a plain horizontal legend of names
  // laid out in width, as ECharts lays it out (12 px text, 25 px symbol,
  // 10 px gaps); the page script (internal/web/static/app.js) does the same
  // on screen.
  function legendRoom(names, width) {
    var ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '12px ' + FONT;
    var lines = 1;
    var x = 0;
    names.forEach(function (n) {
      var w = 30 + ctx.measureText(String(n)).width;
      if (x > 0 && x + w > width) {
        lines++;
        x = 0;
      }
      x += w + 10;
    });
    return lines * 14 + (lines - 1) * 10;
  }

  function list(v) {
    if (!v) {
      return [];
    }
    return Array.isArray(v) ? v : [v];
  }

  // fitLegend gives a legend that wraps onto several lines the room it
  // needs above the plot, at width w; it returns how many pixels the chart
  // must grow to keep its plot.
  function fitLegend(option, w) {
    var legends = list(option.legend);
    if (legends.length !== 1 || legends[0].show === false || legends[0].orient === 'vertical') {
      return 0;
    }
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
    var need = (parseInt(lg.top, 10) || 0) + legendRoom(names, w - 20) + 16;
    var holders = list(option.grid).length ? list(option.grid) : list(option.series).filter(function (s) { return s.type === 'graph'; });
    var grow = 0;
    holders.forEach(function (hd) {
      var top = parseInt(hd.top, 10) || 0;
      if (top < need) {
        grow = Math.max(grow, need - top);
        hd.top = need;
      }
    });
    return grow;
  }

  function prepare(option) {
    Math.random = seeded(20250101);
    option.animation = false;
    option.textStyle = Object.assign({}, option.textStyle, { fontFamily: FONT });
    // A paged legend prints as "1/2" with most of its entries hidden: a
    // printed figure has every entry, on as many rows as they need
    // (fitLegend makes room for them).
    [].concat(option.legend || []).forEach(function (l) {
      if (l && l.type === 'scroll') {
        l.type = 'plain';
      }
    });
    return option;
  }

  // clearLegend moves the plot below the legend as ECharts drew it, when
  // the legend's rows still reach it (fitLegend's estimate was short): the
  // grid's and each series' top become the legend's bottom and a margin. It
  // returns whether it changed the option.
  function clearLegend(chart) {
    var model = chart.getModel();
    var legend = model && model.getComponent('legend');
    var view = legend && chart.getViewOfComponentModel && chart.getViewOfComponentModel(legend);
    if (!view || !view.group) {
      return false;
    }
    var rect = view.group.getBoundingRect();
    var bottom = Math.ceil(view.group.y + rect.y + rect.height) + 12;
    var option = chart.getOption();
    var changed = {};
    function top(o) {
      var t = o && o.top;
      return typeof t === 'number' ? t : parseFloat(t) || 0;
    }
    if (option.grid && option.grid.length && top(option.grid[0]) < bottom) {
      changed.grid = option.grid.map(function () { return { top: bottom }; });
    }
    var series = (option.series || []).map(function (s) {
      return (s.type === 'graph' || s.type === 'sankey') && top(s) < bottom ? { top: bottom } : {};
    });
    if (series.some(function (s) { return s.top !== undefined; })) {
      changed.series = series;
    }
    if (!changed.grid && !changed.series) {
      return false;
    }
    chart.setOption(changed);
    return true;
  }

  window.gapmapRender = function (option, req) {
    return fontsReady.then(function () { return render(option, req); });
  };

  // advances measures, at 1000 px, regular and bold, every character past
  // Latin of the drawing's texts: the Go fonts lack a few (✓, ✕), which
  // Chromium draws in a fallback font; Go draws them as text at the place
  // Chromium gave them (outline.go).
  function advances(texts) {
    var ctx = document.createElement('canvas').getContext('2d');
    var out = {};
    Array.from(texts).forEach(function (c) {
      if (c.codePointAt(0) < 0x250 || out[c]) {
        return;
      }
      ctx.font = '1000px ' + FONT;
      var regular = ctx.measureText(c).width;
      ctx.font = 'bold 1000px ' + FONT;
      out[c] = [regular, ctx.measureText(c).width];
    });
    return out;
  }

  function render(option, req) {
    var texts = JSON.stringify(option) + JSON.stringify(req.caption || []) + JSON.stringify(req.footnote || []);
    var w = req.width, h = req.height;
    h += fitLegend(option, w);
    var cap = layout(req.caption, w, MARGIN);
    var top = cap.end + (req.caption && req.caption.length ? 8 : 0);
    var foot = layout(req.footnote, w, top + h + 8);
    var total = foot.end + MARGIN;
    var result = { width: w, height: total, top: top, lines: cap.lines.concat(foot.lines), advances: advances(texts) };
    stepwise = !!req.stepwise;

    if (req.renderer === 'svg') {
      var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: w, height: h });
      chart.setOption(prepare(option));
      clearLegend(chart);
      result.svg = chart.renderToSVGString();
      chart.dispose();
      return Promise.resolve(result);
    }

    var scale = req.scale || 1;
    var el = document.createElement('div');
    el.style.width = w + 'px';
    el.style.height = h + 'px';
    document.body.appendChild(el);
    var c = echarts.init(el, null, { renderer: 'canvas', width: w, height: h, devicePixelRatio: scale });
    c.setOption(prepare(option));
    clearLegend(c);
    // The chart's own canvas, drawn straight onto the figure's: no PNG
    // encoded and decoded on the way.
    var chartCanvas = c.renderToCanvas({ pixelRatio: scale, backgroundColor: '#fff' });
    var canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(total * scale);
    var ctx = canvas.getContext('2d');
    ctx.scale(scale, scale);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, total);
    ctx.drawImage(chartCanvas, 0, top, w, h);
    c.dispose();
    document.body.removeChild(el);
    result.lines.forEach(function (l) {
      ctx.font = font(l);
      ctx.fillStyle = l.grey ? '#555' : '#222';
      ctx.fillText(l.text, l.x, l.y);
    });
    result.png = canvas.toDataURL('image/png');
    return Promise.resolve(result);
  }
})();
