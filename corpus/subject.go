package corpus

import (
	_ "embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed subject.yaml
var defaultSubject string

// Subject is what the corpus is about, declared once (corpus/subject.yaml):
// the event a question means when it says "the summit" and names no other.
type Subject struct {
	// Name is how replies name the subject.
	Name string `yaml:"name"`
	// Refers are the words that, unqualified, mean the subject.
	Refers []string `yaml:"refers"`
	// About are the words a passage about the subject holds: its name,
	// place and date.
	About string `yaml:"about"`
}

// DefaultSubject returns the embedded corpus's subject.
func DefaultSubject() (Subject, error) {
	return ParseSubject(defaultSubject)
}

// ParseSubject reads a subject declaration in YAML.
func ParseSubject(text string) (Subject, error) {
	var s Subject
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return Subject{}, fmt.Errorf("read subject: %w", err)
	}
	if strings.TrimSpace(s.Name) == "" || len(s.Refers) == 0 || strings.TrimSpace(s.About) == "" {
		return Subject{}, fmt.Errorf("read subject: name, refers and about are all needed")
	}
	return s, nil
}
