package app_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/config"
)

var (
	settingRow  = regexp.MustCompile("^\\|\\s*`(FAIRTENDER_[A-Z0-9_]+)`\\s*\\|")
	anySetting  = regexp.MustCompile(`FAIRTENDER_[A-Z0-9_]+`)
	readmePath  = filepath.Join("..", "..", "README.md")
	firstOfAll  = "FAIRTENDER_LISTEN"
	fileVariant = "_FILE"
)

// settingsTable returns the lines of the README's table that documents FAIRTENDER_LISTEN: the
// settings table, whose rows start with "| `FAIRTENDER_NAME` |".
func settingsTable(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatalf("the README must document every setting: %v", err)
	}
	var table []string
	for _, block := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n\n") {
		var rows []string
		for _, l := range strings.Split(block, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "|") {
				rows = append(rows, strings.TrimSpace(l))
			}
		}
		for _, r := range rows {
			if m := settingRow.FindStringSubmatch(r); m != nil && m[1] == firstOfAll {
				table = rows
			}
		}
	}
	if table == nil {
		t.Fatalf("README.md has no settings table: want a Markdown table with a row starting \"| `%s` |\"", firstOfAll)
	}
	return table
}

func TestReadmeListsEverySetting(t *testing.T) {
	table := settingsTable(t)
	known := map[string]bool{}
	var want []string
	for _, s := range config.Settings() {
		known[s.Name] = true
		want = append(want, s.Name)
	}
	var got []string
	for _, r := range table {
		if m := settingRow.FindStringSubmatch(r); m != nil {
			got = append(got, m[1])
		}
	}

	for _, name := range want {
		if !slices.Contains(got, name) {
			t.Errorf("README settings table lacks %s", name)
		}
	}
	seen := map[string]bool{}
	for _, name := range got {
		if !known[name] {
			t.Errorf("README settings table documents %s, which is not a setting (config.Settings)", name)
		}
		if seen[name] {
			t.Errorf("README settings table lists %s twice", name)
		}
		seen[name] = true
	}
	for _, r := range table {
		for _, name := range anySetting.FindAllString(r, -1) {
			if !known[name] && !known[strings.TrimSuffix(name, fileVariant)] {
				t.Errorf("README settings table mentions %s, which is not a setting: %s", name, r)
			}
		}
	}
	if t.Failed() {
		return
	}
	t.Run("with the defaults of the config table", func(t *testing.T) {
		defaults := map[string]string{}
		for _, s := range config.Settings() {
			defaults[s.Name] = s.Default
		}
		for _, r := range table {
			m := settingRow.FindStringSubmatch(r)
			if m == nil {
				continue
			}
			cells := strings.Split(strings.Trim(r, "|"), "|")
			if len(cells) < 3 {
				t.Errorf("row for %s has %d columns, want name, default and description: %s", m[1], len(cells), r)
				continue
			}
			got, want := strings.TrimSpace(cells[1]), "`"+defaults[m[1]]+"`"
			if defaults[m[1]] == "" {
				want = "—"
			}
			if got != want {
				t.Errorf("README gives %s the default %s, want %s", m[1], got, want)
			}
		}
	})
	t.Run("in the order of the config table", func(t *testing.T) {
		if !slices.Equal(got, want) {
			t.Errorf("README order\n%s\nwant config.Settings order\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
