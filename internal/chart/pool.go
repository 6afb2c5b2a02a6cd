package chart

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// maxTabDrawings is how many charts a tab draws before it is closed and a
// new one takes its place: a bound on whatever a long-lived page gathers.
const maxTabDrawings = 200

// chartTab is a browser tab that has loaded the chart page (ECharts and
// render.js) and draws charts one at a time, for as long as it works. Tabs
// wait in the renderer's pool between drawings: reusing one saves opening a
// tab and loading and compiling ECharts for every chart, and ECharts runs
// faster once the tab's JavaScript engine has compiled it hot.
type chartTab struct {
	ctx     context.Context // the tab's chromedp context
	close   func()
	browser context.Context // the browser it belongs to
	uses    int
	// dialog is set when the page opened a JavaScript dialog, which the
	// listener dismisses; such a tab is not used again.
	dialog atomic.Bool
}

// chartTab returns a ready chart tab: one from the pool, else a new one that
// has loaded the chart page. Give it back with putTab.
func (r *Renderer) chartTab(ctx context.Context) (*chartTab, error) {
	browser, err := r.start()
	if err != nil {
		return nil, err
	}
	var ready *chartTab
	var stale []*chartTab
	r.mu.Lock()
	for ready == nil && len(r.idle) > 0 {
		t := r.idle[len(r.idle)-1]
		r.idle = r.idle[:len(r.idle)-1]
		if t.browser == browser && t.ctx.Err() == nil {
			ready = t
		} else {
			stale = append(stale, t)
		}
	}
	r.mu.Unlock()
	for _, t := range stale {
		t.close()
	}
	if ready != nil {
		return ready, nil
	}
	return r.openChartTab(ctx, browser)
}

// openChartTab opens a tab of browser and loads the chart page in it.
func (r *Renderer) openChartTab(ctx context.Context, browser context.Context) (*chartTab, error) {
	t := &chartTab{browser: browser}
	tab, cancel := chromedp.NewContext(browser, chromedp.WithListener(t.listen))
	t.ctx, t.close = tab, cancel
	// The first action opens the tab and binds it to the context it runs
	// with: the tab's own, so that it outlives this request, which can
	// only close it while it opens.
	stop := context.AfterFunc(ctx, cancel)
	err := chromedp.Do(tab)
	if !stop() || err != nil {
		cancel()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("open a browser tab: %w", err)
	}
	err = r.onTab(ctx, t, func(tctx context.Context) error {
		return chromedp.Do(tctx, chromedp.Navigate(r.base+"/render.html"))
	})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("load the chart page: %w", err)
	}
	r.opt.Log.Debug("chart tab opened")
	return t, nil
}

// listen watches the tab's events. A JavaScript dialog blocks the page and
// every command sent to it until it is closed: the chart page opens none
// (render.js disables them), but should one open, it is dismissed and the
// tab retired.
func (t *chartTab) listen(ev any) {
	if _, ok := ev.(*page.EventJavascriptDialogOpening); !ok {
		return
	}
	t.dialog.Store(true)
	// A listener must not send commands; a goroutine does.
	go func() {
		_, _ = chromedp.Call(t.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}()
}

// onTab runs do with a context of tab t that ends at the renderer's timeout
// or when ctx ends, whichever comes first.
func (r *Renderer) onTab(ctx context.Context, t *chartTab, do func(tctx context.Context) error) error {
	tctx, cancel := context.WithTimeout(t.ctx, r.opt.Timeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	err := do(tctx)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err == nil && t.dialog.Load() {
		err = errors.New("the chart page opened a JavaScript dialog")
	}
	return err
}

// putTab gives tab t back after a drawing that ended with err. The tab goes
// back to the pool only if it drew without error, opened no dialog, has not
// drawn its share, and its browser still runs; otherwise it is closed.
// Holding a drawing slot while it waits, the pool never holds more tabs
// than Concurrency.
func (r *Renderer) putTab(t *chartTab, err error) {
	t.uses++
	r.mu.Lock()
	keep := err == nil && !r.closed && !t.dialog.Load() && t.uses < maxTabDrawings &&
		t.browser == r.browser && t.ctx.Err() == nil
	if keep {
		r.idle = append(r.idle, t)
	}
	r.mu.Unlock()
	if !keep {
		t.close()
		r.opt.Log.Debug("chart tab closed", "drawings", t.uses, "error", err)
	}
}

// closeIdle closes the tabs in the pool; r.mu is held. It does not wait
// for them to close: the browser they belong to is stopping or dead.
func (r *Renderer) closeIdle() {
	for _, t := range r.idle {
		go t.close()
	}
	r.idle = nil
}
