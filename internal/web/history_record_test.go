package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestHistoryBelongsToTheRecord deletes ROSA, whose address is confidential
// (run by krisesenter), and lets an editor of another organisation (oslo)
// create a service with the same id: the new service's history starts
// afresh, the old one's stays with its record, and only those who could
// see it then can see it now.
func TestHistoryBelongsToTheRecord(t *testing.T) {
	f := newEditFixture(t)
	if resp := f.api(http.MethodDelete, "/api/v1/services/rosa", f.token(asEditor), 3, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("owner's DELETE: %d %s", resp.StatusCode, readAll(t, resp))
	}
	resp := f.api(http.MethodPost, "/api/v1/services", f.token(asOther), 0, map[string]any{
		"id": "rosa", "name": "Not ROSA", "sector": "health", "funding": "project"})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("other organisation's POST of id rosa: %d %s", resp.StatusCode, readAll(t, resp))
	}
	oldActor := f.users[asEditor].Email

	// The new service's owner sees only the new service's history.
	page := f.getPage("/manage/services/rosa/history", f.session(asOther))
	html := readAll(t, page)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("new owner's history: %d", page.StatusCode)
	}
	for _, leak := range []string{secretAddr, oldActor, "Shelter and help for women", "record=1"} {
		if strings.Contains(html, leak) {
			t.Errorf("the new service's history shows %q of the deleted service with its id", leak)
		}
	}
	if !strings.Contains(html, "Not ROSA") {
		t.Error("the new service's history does not show the new service")
	}
	// ... and cannot reach the old record.
	if resp := f.getPage("/manage/services/rosa/history?record=1", f.session(asOther)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("other organisation's editor reads the deleted record: %d, want 403", resp.StatusCode)
	}

	// The old owner still reads the old record, address included.
	old := readAll(t, f.getPage("/manage/services/rosa/history?record=1", f.session(asEditor)))
	if !strings.Contains(old, secretAddr) || !strings.Contains(old, `id="earlier-record"`) {
		t.Error("the owner of the deleted service cannot read its history with its address")
	}
	// An analyst reads it, without the address.
	if a := readAll(t, f.getPage("/manage/services/rosa/history?record=1", f.session(asAnalyst))); strings.Contains(a, secretAddr) || !strings.Contains(a, "Shelter and help for women") {
		t.Error("an analyst's view of the deleted record: want its history without the address")
	}
	// The coordinator sees both records, linked, and cannot restore the
	// old one over the new one.
	if c := readAll(t, f.getPage("/manage/services/rosa/history", f.session(asCoordinator))); !strings.Contains(c, "record=1") {
		t.Error("the coordinator's history of the new service does not link the deleted record")
	}
	if c := readAll(t, f.getPage("/manage/services/rosa/history?record=1", f.session(asCoordinator))); strings.Contains(c, "/restore") {
		t.Error("the deleted record offers a restore over the new service")
	}
}

// TestHistoryMasksAddressOfEarlierOrganisation moves ROSA to another
// organisation with a new address: the new organisation's editor sees the
// history without the address of when krisesenter ran it.
func TestHistoryMasksAddressOfEarlierOrganisation(t *testing.T) {
	f := newEditFixture(t)
	in := inputOf(f.live.Landscape(), f.service("rosa"))
	in.Address = "Nyveien 1"
	in.Organisation = &inputRef{ID: "oslo"}
	if resp := f.api(http.MethodPut, "/api/v1/services/rosa", f.token(asCoordinator), 3, in); resp.StatusCode != http.StatusOK {
		t.Fatalf("coordinator's move: %d %s", resp.StatusCode, readAll(t, resp))
	}
	html := readAll(t, f.getPage("/manage/services/rosa/history", f.session(asOther)))
	if strings.Contains(html, secretAddr) {
		t.Error("the new organisation's editor sees the address of when another organisation ran the service")
	}
	if c := readAll(t, f.getPage("/manage/services/rosa/history", f.session(asCoordinator))); !strings.Contains(c, secretAddr) {
		t.Error("the coordinator does not see the old address in the history")
	}
}
