#include <doctest/doctest.h>

#include "app/history.hpp"

using flowlab::app::History;

TEST_CASE("history: undo and redo walk the edits; a change within the group time joins its edit") {
  History h(0.5);
  h.reset("a");
  CHECK_FALSE(h.can_undo());
  h.observe("b", 10.0);
  h.observe("b2", 10.2);  // the same drag
  h.observe("c", 11.0);   // a new edit
  REQUIRE(h.can_undo());
  CHECK(h.undo() == std::optional<std::string>("b2"));
  CHECK(h.undo() == std::optional<std::string>("a"));
  CHECK_FALSE(h.undo());
  CHECK(h.redo() == std::optional<std::string>("b2"));
  CHECK(h.redo() == std::optional<std::string>("c"));
  CHECK_FALSE(h.redo());
}

TEST_CASE("history: a new edit after an undo drops the redo branch; observing the restored state adds nothing") {
  History h(0.5);
  h.reset("a");
  h.observe("b", 1.0);
  CHECK(h.undo() == std::optional<std::string>("a"));
  h.observe("a", 1.1);  // the app writes the restored state back
  CHECK(h.can_redo());
  h.observe("x", 1.2);  // right after an undo: still an edit of its own
  CHECK_FALSE(h.can_redo());
  CHECK(h.undo() == std::optional<std::string>("a"));
}

TEST_CASE("history: reset forgets the past (a link opened)") {
  History h;
  h.reset("a");
  h.observe("b", 1.0);
  h.reset("z");
  CHECK_FALSE(h.can_undo());
  CHECK_FALSE(h.can_redo());
}

TEST_CASE("history: an edit recorded alone is never grouped with the next change") {
  History h(0.5);
  h.reset("a");
  h.observe("b", 1.0);
  h.record("c");         // a link opened right after
  h.observe("d", 1.01);  // and an edit right after that
  CHECK(h.undo() == std::optional<std::string>("c"));
  CHECK(h.undo() == std::optional<std::string>("b"));
  CHECK(h.undo() == std::optional<std::string>("a"));
}
