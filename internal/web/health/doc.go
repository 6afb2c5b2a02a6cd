// Package health answers the probes of whoever runs gapmap: /healthz (the
// process serves HTTP) and /readyz (a landscape is loaded and the store
// answers in time). Their answers are short plain text that no cache keeps;
// a store's error is logged, never shown.
package health
