package neo4j

import (
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// execAuth carries out the queries of the accounts (auth*.go) as their
// Cypher reads, with the uniqueness constraints of migrations 3 and 4; ok is
// false for any other query. write fails in a read transaction.
func (tx *fakeTx) execAuth(q *query, p map[string]any, write func() error) (rows []row, ok bool, err error) {
	st := tx.st
	// find returns the nodes with label whose property key equals v.
	find := func(label, key string, v any) []*fakeNode {
		var ns []*fakeNode
		for _, n := range st.nodes {
			if n.has(label) && reflect.DeepEqual(n.props[key], v) {
				ns = append(ns, n)
			}
		}
		return ns
	}
	// create makes a node with label and the properties $props, refusing
	// a taken value of the unique keys as the constraints do.
	create := func(label string, unique ...string) ([]row, bool, error) {
		if err := write(); err != nil {
			return nil, true, err
		}
		props, err := storable(p["props"])
		if err != nil {
			return nil, true, err
		}
		for _, k := range unique {
			if len(find(label, k, props[k])) > 0 {
				return nil, true, &neo4j.Neo4jError{Code: codeConstraintViolation,
					Msg: fmt.Sprintf("Node(%v) already exists with label `%s` and property `%s`", props[k], label, k)}
			}
		}
		st.newNode([]string{label}, props)
		return []row{{q.columns[0]: props[q.columns[0]]}}, true, nil
	}
	nodes := func(column string, ns []*fakeNode) []row {
		for _, n := range ns {
			rows = append(rows, row{column: n.value()})
		}
		shuffle(rows)
		return rows
	}
	// set sets key to v on the nodes and returns them.
	set := func(ns []*fakeNode, key string, v any) ([]*fakeNode, error) {
		if err := write(); err != nil {
			return nil, err
		}
		for _, n := range ns {
			n.props[key] = v
		}
		return ns, nil
	}
	// remove deletes the nodes that match and returns their count.
	remove := func(match func(n *fakeNode) bool) ([]row, bool, error) {
		if err := write(); err != nil {
			return nil, true, err
		}
		deleted := 0
		for _, n := range append([]*fakeNode(nil), st.nodes...) {
			if match(n) {
				st.detachDelete(n)
				deleted++
			}
		}
		return []row{{"deleted": deleted}}, true, nil
	}
	before := func(a any, b any) bool { return !a.(time.Time).After(b.(time.Time)) }

	switch q {
	case qAuthUserTaken:
		return []row{{"id_taken": len(find("GapmapUser", "id", p["id"])), "email_taken": len(find("GapmapUser", "email", p["email"]))}}, true, nil
	case qAuthCreateUser:
		return create("GapmapUser", "id", "email")
	case qAuthUser:
		return nodes("user", find("GapmapUser", "id", p["id"])), true, nil
	case qAuthUserByEmail:
		return nodes("user", find("GapmapUser", "email", p["email"])), true, nil
	case qAuthUsers:
		var all []*fakeNode
		for _, n := range st.nodes {
			if n.has("GapmapUser") {
				all = append(all, n)
			}
		}
		return nodes("user", all), true, nil
	case qAuthSetUserDisabled:
		ns, err := set(find("GapmapUser", "id", p["id"]), "disabled", p["disabled"])
		return nodes("user", ns), true, err
	case qAuthSetUserPassword:
		ns, err := set(find("GapmapUser", "id", p["id"]), "password_hash", p["hash"])
		return nodes("user", ns), true, err
	case qAuthSetUserRole:
		// MATCH the user (no row without one), SET and REMOVE _LOCK_ on
		// every user (the fake runs one write transaction at a time), count
		// the other enabled administrators, and SET role and org_id unless
		// that demotes the last one.
		if err := write(); err != nil {
			return nil, true, err
		}
		us := find("GapmapUser", "id", p["id"])
		if len(us) == 0 {
			return nil, true, nil
		}
		u := us[0]
		enabledAdmin := func(n *fakeNode) bool { return n.props["role"] == "admin" && n.props["disabled"] != true }
		others := 0
		for _, a := range st.nodes {
			if a.has("GapmapUser") && a.props["id"] != p["id"] && enabledAdmin(a) {
				others++
			}
		}
		allowed := p["role"] == "admin" || !enabledAdmin(u) || others > 0
		if allowed {
			u.props["role"], u.props["org_id"] = p["role"], p["org_id"]
		}
		return []row{{"user": u.value(), "allowed": allowed}}, true, nil
	case qAuthCreateSession:
		return create("GapmapSession", "id_hash")
	case qAuthSession:
		return nodes("session", find("GapmapSession", "id_hash", p["id_hash"])), true, nil
	case qAuthTouchSession:
		ns, err := set(find("GapmapSession", "id_hash", p["id_hash"]), "last_seen", p["last_seen"])
		return []row{{"touched": len(ns)}}, true, err
	case qAuthDeleteSession:
		return remove(func(n *fakeNode) bool { return n.has("GapmapSession") && n.props["id_hash"] == p["id_hash"] })
	case qAuthDeleteUserSess:
		return remove(func(n *fakeNode) bool { return n.has("GapmapSession") && n.props["user_id"] == p["user_id"] })
	case qAuthDeleteExpiredSess:
		return remove(func(n *fakeNode) bool {
			return n.has("GapmapSession") && (before(n.props["expires"], p["now"]) || before(n.props["last_seen"], p["idle_before"]))
		})
	case qAuthCreateToken:
		return create("GapmapToken", "id", "hash")
	case qAuthTokenByHash:
		return nodes("token", find("GapmapToken", "hash", p["hash"])), true, nil
	case qAuthTokens:
		return nodes("token", find("GapmapToken", "user_id", p["user_id"])), true, nil
	case qAuthTouchToken:
		ns, err := set(find("GapmapToken", "id", p["id"]), "last_used", p["at"])
		return []row{{"touched": len(ns)}}, true, err
	case qAuthRevokeToken:
		if err := write(); err != nil {
			return nil, true, err
		}
		ns := find("GapmapToken", "id", p["id"])
		for _, n := range ns {
			if n.props["revoked"] == nil {
				n.props["revoked"] = p["at"]
			}
		}
		return []row{{"revoked": len(ns)}}, true, nil
	case qAuthRecordFailures:
		// UNWIND, then MERGE the key's node and SET its times. Setting
		// and removing _LOCK_ leaves nothing behind; the lock it takes
		// serialises the writers of a key, as the fake runs one write
		// transaction at a time.
		if err := write(); err != nil {
			return nil, true, err
		}
		var rows []row
		for _, k := range p["keys"].([]any) {
			f := find("GapmapLoginFailures", "key", k)
			var n *fakeNode
			if len(f) > 0 {
				n = f[0]
			} else {
				n = st.newNode([]string{"GapmapLoginFailures"}, map[string]any{"key": k})
			}
			times := within(n.props["times"], p["since"])
			n.props["times"] = append(times, p["at"])
			rows = append(rows, row{"key": k, "times": n.props["times"]})
		}
		return rows, true, nil
	case qAuthLockFailures:
		// MERGE each key's node; the lock it takes holds to the end of
		// the transaction, as the fake runs one write transaction at a
		// time.
		if err := write(); err != nil {
			return nil, true, err
		}
		var rows []row
		for _, k := range p["keys"].([]any) {
			f := find("GapmapLoginFailures", "key", k)
			var n *fakeNode
			if len(f) > 0 {
				n = f[0]
			} else {
				n = st.newNode([]string{"GapmapLoginFailures"}, map[string]any{"key": k})
			}
			if n.props["times"] == nil {
				n.props["times"] = []any{}
			}
			rows = append(rows, row{"key": k, "times": within(n.props["times"], p["since"])})
		}
		return rows, true, nil
	case qAuthRefundFailures:
		if err := write(); err != nil {
			return nil, true, err
		}
		n := 0
		for _, k := range p["keys"].([]any) {
			for _, f := range find("GapmapLoginFailures", "key", k) {
				list, _ := f.props["times"].([]any)
				kept := []any{}
				for _, t := range list {
					if !t.(time.Time).Equal(p["at"].(time.Time)) {
						kept = append(kept, t)
					}
				}
				f.props["times"] = kept
				n++
			}
		}
		return []row{{"refunded": n}}, true, nil
	case qAuthForgetKeys:
		return remove(func(n *fakeNode) bool {
			return n.has("GapmapLoginFailures") && slices.Contains(p["keys"].([]any), n.props["key"])
		})
	case qAuthMarkKnown:
		if err := write(); err != nil {
			return nil, true, err
		}
		f := find("GapmapLoginFailures", "key", p["key"])
		var n *fakeNode
		if len(f) > 0 {
			n = f[0]
		} else {
			n = st.newNode([]string{"GapmapLoginFailures"}, map[string]any{"key": p["key"]})
		}
		n.props["times"] = []any{p["until"]}
		return []row{{"marked": 1}}, true, nil
	case qAuthFailures:
		var rows []row
		for _, n := range st.nodes {
			if n.has("GapmapLoginFailures") && slices.Contains(p["keys"].([]any), n.props["key"]) {
				// [t IN null WHERE ...] is null, as on the server.
				var times any
				if n.props["times"] != nil {
					times = within(n.props["times"], p["since"])
				}
				rows = append(rows, row{"key": n.props["key"], "times": times})
			}
		}
		shuffle(rows)
		return rows, true, nil
	case qAuthForgetFailures:
		return remove(func(n *fakeNode) bool { return n.has("GapmapLoginFailures") && n.props["key"] == p["key"] })
	case qAuthPurgeFailures:
		return remove(func(n *fakeNode) bool {
			// none(t IN null ...) is null, which WHERE drops.
			return n.has("GapmapLoginFailures") && n.props["times"] != nil && len(within(n.props["times"], p["since"])) == 0
		})
	}
	return nil, false, nil
}

// within is [t IN coalesce(times, []) WHERE t > since]: a new list of the
// times after since, in their order.
func within(times, since any) []any {
	var in []any
	list, _ := times.([]any)
	for _, t := range list {
		if t.(time.Time).After(since.(time.Time)) {
			in = append(in, t)
		}
	}
	if in == nil {
		in = []any{}
	}
	return in
}
