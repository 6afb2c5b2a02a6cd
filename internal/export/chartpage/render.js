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
(function () {
  'use strict';

  var MARGIN = 16;
  var FONT = 'sans-serif';

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

  function prepare(option) {
    Math.random = seeded(20250101);
    option.animation = false;
    return option;
  }

  window.gapmapRender = function (option, req) {
    var w = req.width, h = req.height;
    var cap = layout(req.caption, w, MARGIN);
    var top = cap.end + (req.caption && req.caption.length ? 8 : 0);
    var foot = layout(req.footnote, w, top + h + 8);
    var total = foot.end + MARGIN;
    var result = { width: w, height: total, top: top, lines: cap.lines.concat(foot.lines) };

    if (req.renderer === 'svg') {
      var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: w, height: h });
      chart.setOption(prepare(option));
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
    var url = c.getDataURL({ type: 'png', pixelRatio: scale, backgroundColor: '#fff' });
    c.dispose();
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () {
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(w * scale);
        canvas.height = Math.round(total * scale);
        var ctx = canvas.getContext('2d');
        ctx.scale(scale, scale);
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, w, total);
        ctx.drawImage(img, 0, top, w, h);
        result.lines.forEach(function (l) {
          ctx.font = font(l);
          ctx.fillStyle = l.grey ? '#555' : '#222';
          ctx.fillText(l.text, l.x, l.y);
        });
        result.png = canvas.toDataURL('image/png');
        resolve(result);
      };
      img.onerror = function () { reject(new Error('the chart image did not load')); };
      img.src = url;
    });
  };
})();
