package auth

// Action is something a user may try to do.
type Action string

// The actions. Reading the public landscape needs no action: everyone may.
const (
	// ActionEdit: change a service's profile, mark it verified.
	ActionEdit Action = "edit"
	// ActionCreate: add a service to an organisation.
	ActionCreate Action = "create"
	// ActionDelete: delete a service.
	ActionDelete Action = "delete"
	// ActionRestore: restore an earlier version of a service.
	ActionRestore Action = "restore"
	// ActionReadHistory: read the history and the editing views of a
	// service.
	ActionReadHistory Action = "read_history"
	// ActionReadConfidential: see a confidential address.
	ActionReadConfidential Action = "read_confidential"
	// ActionListStale: see the list of stale profiles.
	ActionListStale Action = "list_stale"
	// ActionManageUsers: create, disable and reset users, change their
	// roles and organisations; create organisations.
	ActionManageUsers Action = "manage_users"
)

// Actions lists every action, for the tests that must cover them all.
var Actions = []Action{
	ActionEdit, ActionCreate, ActionDelete, ActionRestore, ActionReadHistory,
	ActionReadConfidential, ActionListStale, ActionManageUsers,
}

// Can reports whether u may do a to a service run by the organisation org
// ("" for an action that concerns no service, or a service that no
// organisation runs). It is the one place that decides: the web pages, the
// JSON API and the command line all ask it.
//
//	action             admin coordinator editor(own org) editor(other) analyst
//	edit, create,       yes   yes         yes             no            no
//	  delete
//	read_confidential   yes   yes         yes             no            no
//	read_history        yes   yes         yes             no            yes
//	restore             yes   yes         no              no            no
//	list_stale          yes   yes         no              no            yes
//	manage_users        yes   no          no              no            no
//
// A nil or disabled user may do nothing.
func Can(u *User, a Action, org string) bool {
	if u == nil || u.Disabled {
		return false
	}
	own := org != "" && u.OrgID == org
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleCoordinator:
		return a != ActionManageUsers
	case RoleEditor:
		switch a {
		case ActionEdit, ActionCreate, ActionDelete, ActionReadConfidential, ActionReadHistory:
			return own
		}
	case RoleAnalyst:
		return a == ActionReadHistory || a == ActionListStale
	}
	return false
}
