package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/web/middleware"
)

// registerEditingRoutes registers sign-in, the account, the editing and
// admin pages and the write API, when editing is on.
func (s *Server) registerEditingRoutes(r *mux.Router) {
	if s.edit == nil {
		return
	}
	get, post := readMethods, []string{http.MethodPost}
	r.Handle("/login", s.handle(s.handleLoginForm)).Methods(get...)
	r.Handle("/login", s.handle(s.handleLogin)).Methods(post...)
	r.Handle("/logout", s.handle(s.handleLogout)).Methods(post...)

	r.Handle("/account", s.private(s.handleAccount)).Methods(get...)
	r.Handle("/account/tokens", s.private(s.handleCreateToken)).Methods(post...)
	r.Handle("/account/tokens/{id}/revoke", s.private(s.handleRevokeToken)).Methods(post...)
	r.Handle("/account/password", s.private(s.handleChangePassword)).Methods(post...)

	r.Handle("/manage", s.private(s.handleManage)).Methods(get...)
	r.Handle("/manage/stale", s.private(s.handleStale)).Methods(get...)
	r.Handle("/manage/services/new", s.private(s.handleNewForm)).Methods(get...)
	r.Handle("/manage/services/new", s.private(s.handleNewSave)).Methods(post...)
	r.Handle("/manage/services/{id}/edit", s.private(s.handleEditForm)).Methods(get...)
	r.Handle("/manage/services/{id}/edit", s.private(s.handleEditSave)).Methods(post...)
	r.Handle("/manage/services/{id}/verify", s.private(s.handleVerify)).Methods(post...)
	r.Handle("/manage/services/{id}/history", s.private(s.handleHistory)).Methods(get...)
	r.Handle("/manage/services/{id}/restore", s.private(s.handleRestore)).Methods(post...)

	r.Handle("/admin/users", s.private(s.handleAdminUsers)).Methods(get...)
	r.Handle("/admin/users", s.private(s.handleCreateUser)).Methods(post...)
	r.Handle("/admin/users/{id}/disable", s.private(s.handleSetDisabled(true))).Methods(post...)
	r.Handle("/admin/users/{id}/enable", s.private(s.handleSetDisabled(false))).Methods(post...)
	r.Handle("/admin/users/{id}/reset-password", s.private(s.handleResetPassword)).Methods(post...)
	r.Handle("/admin/users/{id}/role", s.private(s.handleSetRole)).Methods(post...)
	r.Handle("/admin/organisations", s.private(s.handleCreateOrg)).Methods(post...)

	s.registerWriteAPIRoutes(r)
}

// crossOrigin refuses state-changing requests that a browser sends from
// another origin (see middleware.CrossOrigin), with a logged 403.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	deny := s.handle(func(w http.ResponseWriter, r *http.Request) error {
		s.log.WarnContext(r.Context(), "cross-origin request refused", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"), "request_id", requestID(r.Context()))
		return auth.Forbidden("cross-origin request refused: submit forms from gapmap's own pages")
	})
	return middleware.CrossOrigin(middleware.Proxies(s.cfg.TrustedProxies), deny)(next)
}
