// Package conventions holds no code: its tests check rules of the house
// over the whole module's source, such as "no package-level mutable state
// outside main".
package conventions
