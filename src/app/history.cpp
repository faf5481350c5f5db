#include "history.hpp"

namespace flowlab::app {

void History::reset(const std::string& link) {
  past_.clear();
  future_.clear();
  current_ = link;
  last_s_ = -1e300;
}

void History::observe(const std::string& link, double now_s) {
  if (link == current_) return;
  if (now_s - last_s_ > group_s_) {  // a new edit: the state before it can be restored
    past_.push_back(current_);
    if (past_.size() > kMax) past_.erase(past_.begin());
  }
  future_.clear();
  current_ = link;
  last_s_ = now_s;
}

void History::record(const std::string& link) {
  observe(link, 1e300);
  last_s_ = -1e300;
}

std::optional<std::string> History::undo() {
  if (past_.empty()) return std::nullopt;
  future_.push_back(current_);
  current_ = past_.back();
  past_.pop_back();
  last_s_ = -1e300;  // the next change is an edit of its own
  return current_;
}

std::optional<std::string> History::redo() {
  if (future_.empty()) return std::nullopt;
  past_.push_back(current_);
  current_ = future_.back();
  future_.pop_back();
  last_s_ = -1e300;
  return current_;
}

}  // namespace flowlab::app
