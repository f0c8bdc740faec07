// copy_on_write.hpp — how a projection shares state with readers on other
// threads without locks.
//
// A projection keeps each piece of state it hands out (a check's record, its
// statistics) in a SharedPiece. share() gives a reader a pointer to the piece
// and marks it handed out; from then on the projection never changes that
// piece in place: writable() first makes a private copy and changes the copy.
// So a piece that another thread can reach is never written again, and a
// piece that is written is reachable from the core thread only. Nothing is
// decided by reading a reference count that other threads change.
//
// The price: after each hand-out, the next change copies the piece once,
// even if the reader has already let go of it.
//
// Thread-safety: share() and writable() on the core thread only; what
// share() returns may be read on any thread.
#pragma once

#include <memory>

namespace nyxmon::projections {

template <class T>
class SharedPiece {
 public:
  SharedPiece() = default;
  explicit SharedPiece(std::shared_ptr<T> value) : value_(std::move(value)) {}

  // The piece to change: made when there is none, copied first when it has
  // been handed out since it was last changed.
  T& writable() {
    if (!value_) {
      value_ = std::make_shared<T>();
    } else if (handed_out_) {
      value_ = std::make_shared<T>(*value_);
    }
    handed_out_ = false;
    return *value_;
  }

  // Makes the piece `value`: in place (keeping what its storage holds) unless
  // it has been handed out, in which case a new one is made.
  void replace(const T& value) {
    if (!value_ || handed_out_) {
      value_ = std::make_shared<T>(value);
    } else {
      *value_ = value;
    }
    handed_out_ = false;
  }

  // The piece for a reader anywhere; it stays as it is now. Null when empty.
  std::shared_ptr<const T> share() const {
    handed_out_ = true;
    return value_;
  }

  // The piece for reading on the core thread; null when empty.
  const T* get() const { return value_.get(); }
  const T& operator*() const { return *value_; }
  const T* operator->() const { return value_.get(); }

 private:
  std::shared_ptr<T> value_;
  mutable bool handed_out_ = false;
};

}  // namespace nyxmon::projections
