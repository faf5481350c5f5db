#pragma once
// Undo and redo over the state, kept as share links. Edits are grouped: a
// change within `group_s` seconds of the previous one belongs to the same edit
// (a drag, a slider being moved), so one undo takes back the whole gesture.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace flowlab::app {

class History {
 public:
  explicit History(double group_s = 0.5) : group_s_(group_s) {}
  // A new starting point (a link was opened): no undo past it.
  void reset(const std::string& link);
  // The state as it is now, at time `now_s` (seconds, any origin).
  void observe(const std::string& link, double now_s);
  // An edit that stands alone (a link or preset opened, a file loaded): never grouped with its neighbours.
  void record(const std::string& link);
  // The link to restore, or nothing when there is nothing to undo (redo).
  std::optional<std::string> undo();
  std::optional<std::string> redo();
  bool can_undo() const { return !past_.empty(); }
  bool can_redo() const { return !future_.empty(); }

 private:
  static constexpr std::size_t kMax = 200;  // edits kept
  std::vector<std::string> past_, future_;
  std::string current_;
  double last_s_ = -1e300;
  double group_s_;
};

}  // namespace flowlab::app
