package graph

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// A Source of kind study or review carries the tags an evidence map counts
// it by: where its data come from, how it was made, whom it asked and what
// it is about. The needs it concerns are its STUDIES edges. Each tag is
// verified unless AssumedTags names it: a tag read only from a title is
// assumed.

// Design is how a study was made.
type Design string

// The study designs.
const (
	DesignReview      Design = "review"       // systematic or scoping review
	DesignInterviews  Design = "interviews"   // qualitative interviews
	DesignFocusGroups Design = "focus_groups" // focus groups
	DesignSurvey      Design = "survey"       // survey, cross-sectional
	DesignCohort      Design = "cohort"       // cohort or registry study
	DesignEvaluation  Design = "evaluation"   // evaluation of a measure or programme
	DesignConceptual  Design = "conceptual"   // conceptual or legal analysis
)

// Designs lists every Design.
var Designs = []Design{DesignReview, DesignInterviews, DesignFocusGroups, DesignSurvey, DesignCohort, DesignEvaluation, DesignConceptual}

// Participant is whom a study's data come from.
type Participant string

// The participants of studies.
const (
	ParticipantHealthWorkers Participant = "health_workers"
	ParticipantSurvivors     Participant = "survivors"
	ParticipantNGOStaff      Participant = "ngo_staff"
	ParticipantPolice        Participant = "police"
	ParticipantChildren      Participant = "children"
	ParticipantProfessionals Participant = "professionals" // paediatricians and other professionals
)

// Participants lists every Participant in the order an evidence map shows
// them.
var Participants = []Participant{
	ParticipantHealthWorkers, ParticipantSurvivors, ParticipantNGOStaff,
	ParticipantPolice, ParticipantChildren, ParticipantProfessionals,
}

// Theme is what a study is about.
type Theme string

// The themes of studies.
const (
	ThemeIdentification Theme = "identification"
	ThemeMentalHealth   Theme = "mental_health"
	ThemePhysicalHealth Theme = "physical_health"
	ThemeSexualHealth   Theme = "sexual_health"
	ThemeAccess         Theme = "access"
	ThemeTraining       Theme = "training"
	ThemeCooperation    Theme = "cooperation"
	ThemeLawPolicy      Theme = "law_policy"
	ThemeReintegration  Theme = "reintegration"
	ThemeChildren       Theme = "children"
)

// Themes lists every Theme in the order an evidence map shows them.
var Themes = []Theme{
	ThemeIdentification, ThemeMentalHealth, ThemePhysicalHealth, ThemeSexualHealth, ThemeAccess,
	ThemeTraining, ThemeCooperation, ThemeLawPolicy, ThemeReintegration, ThemeChildren,
}

// The country groups a study's countries may name when its data come from
// several countries it does not list, or that the notes do not name.
const (
	CountryNordic = "nordic"
	CountryEurope = "europe"
	CountryGlobal = "global"
)

// CountryGroups lists the country groups.
var CountryGroups = []string{CountryNordic, CountryEurope, CountryGlobal}

// The tag fields of a study, as AssumedTags and errors name them.
const (
	TagCountries    = "countries"
	TagDesigns      = "designs"
	TagParticipants = "participants"
	TagThemes       = "themes"
)

// TagFields lists the tag fields.
var TagFields = []string{TagCountries, TagDesigns, TagParticipants, TagThemes}

// IsStudy reports whether the source is a study or a review: a source an
// evidence map counts.
func (s *Source) IsStudy() bool { return s.Kind == SourceStudy || s.Kind == SourceReview }

// Tagged reports whether the source has any evidence-map tag.
func (s *Source) Tagged() bool {
	return len(s.Countries)+len(s.Designs)+len(s.Participants)+len(s.Themes) > 0
}

// tagValues returns the values of tag field f.
func (s *Source) tagValues(f string) []string {
	switch f {
	case TagCountries:
		return s.Countries
	case TagDesigns:
		return toStrings(s.Designs)
	case TagParticipants:
		return toStrings(s.Participants)
	case TagThemes:
		return toStrings(s.Themes)
	}
	return nil
}

// TagConfidence returns the confidence of tag value v of field f
// ("themes", "training"): Assumed when AssumedTags names it or its whole
// field, else Verified.
func (s *Source) TagConfidence(f, v string) Confidence {
	if slices.Contains(s.AssumedTags, f) || slices.Contains(s.AssumedTags, f+":"+v) {
		return Assumed
	}
	return Verified
}

func toStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// ValidCountry reports whether c is a study country: an ISO 3166-1 alpha-2
// code in lower case ("no", "gb") or a country group.
func ValidCountry(c string) bool {
	if slices.Contains(CountryGroups, c) {
		return true
	}
	if len(c) != 2 || strings.ToLower(c) != c || c == "uk" {
		return false
	}
	r, err := language.ParseRegion(c)
	return err == nil && r.IsCountry()
}

// validateStudy checks the evidence-map tags of s.
func (s *Source) validateStudy(ref string) error {
	if !s.IsStudy() {
		for _, f := range append(slices.Clone(TagFields), "assumed_tags") {
			if f == "assumed_tags" && len(s.AssumedTags) > 0 || f != "assumed_tags" && len(s.tagValues(f)) > 0 {
				return FieldError(ref, f, "belongs only to sources of kind study or review (this one is a %s)", s.Kind)
			}
		}
		return nil
	}
	for i, c := range s.Countries {
		field := fmt.Sprintf("countries[%d]", i)
		switch {
		case c == "uk":
			return FieldError(ref, field, "\"uk\" is not the ISO 3166 code of the United Kingdom: write \"gb\"")
		case !ValidCountry(c):
			return FieldError(ref, field, "%q is not a country (ISO 3166 alpha-2 in lower case, e.g. \"no\", \"gb\"; or one of %s)", c, strings.Join(CountryGroups, ", "))
		case slices.Contains(s.Countries[:i], c):
			return FieldError(ref, field, "duplicate value %q", c)
		}
	}
	if err := checkEnums(ref, "designs", s.Designs, Designs); err != nil {
		return err
	}
	if err := checkEnums(ref, "participants", s.Participants, Participants); err != nil {
		return err
	}
	if err := checkEnums(ref, "themes", s.Themes, Themes); err != nil {
		return err
	}
	for i, a := range s.AssumedTags {
		field := fmt.Sprintf("assumed_tags[%d]", i)
		f, v, one := strings.Cut(a, ":")
		switch {
		case !slices.Contains(TagFields, f):
			return FieldError(ref, field, "%q names no tag field (want one of %s, alone or as field:value)", a, strings.Join(TagFields, ", "))
		case one && !slices.Contains(s.tagValues(f), v):
			return FieldError(ref, field, "%q: the study has no %s tag %q", a, f, v)
		case !one && len(s.tagValues(f)) == 0:
			return FieldError(ref, field, "%q: the study has no %s tags", a, f)
		case slices.Contains(s.AssumedTags[:i], a):
			return FieldError(ref, field, "duplicate value %q", a)
		}
	}
	return nil
}
