package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditLogSurvivesATornLine: a kill in the middle of a write leaves a
// line without its end; the next append must not glue its entry to it,
// and the reader skips the torn one and keeps every whole entry.
func TestAuditLogSurvivesATornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	log := OpenAuditLog(path)
	if err := log.Append(AuditEntry{UserID: "u1", Via: "cli", Action: ActionAdd, DocID: "first", Hash: "h1"}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"time":"2026-12-02T02:36:29Z","user_id":"u2","via":"cli","action":"add","doc_id":"cut-sh`); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := log.Append(AuditEntry{UserID: "u3", Via: "cli", Action: ActionAdd, DocID: "after", Hash: "h3"}); err != nil {
		t.Fatal(err)
	}
	entries, torn, err := ReadAuditLog(path)
	if err != nil {
		t.Fatal(err)
	}
	if torn != 1 {
		t.Errorf("torn lines = %d, want 1", torn)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.DocID)
	}
	if len(ids) != 2 || ids[0] != "first" || ids[1] != "after" {
		t.Errorf("entries = %v, want [first after]", ids)
	}
}

// TestReadAuditLogRefusesGarbage: a line that is not a cut-short entry is
// an error that names the file and line, not a silent skip.
func TestReadAuditLogRefusesGarbage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := os.WriteFile(path, []byte("{\"doc_id\":\"a\"}\nnot json at all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadAuditLog(path)
	if err == nil {
		t.Fatal("garbage line read without an error")
	}
	if want := path + " line 2"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name %q", err, want)
	}
	entries, torn, err := ReadAuditLog(filepath.Join(t.TempDir(), "none.jsonl"))
	if err != nil || len(entries) != 0 || torn != 0 {
		t.Errorf("missing log: %v %d %v, want empty", entries, torn, err)
	}
}
