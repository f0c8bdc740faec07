// boxed.hpp — a large value kept once on the heap and shared by its copies:
// a check's or a notifier's whole spec, in the definition events and in the
// check records folded from them. An Event is as large as its largest
// alternative, and events are folded and decided by the thousand; records
// are copied before they change (the projections' copy-on-write, the
// decider's working copies), and every run hands the spec to a probe.
// Boxed, all of that shares one spec instead of copying ~1 KiB and its
// strings.
//
// A value type all the same: == compares values, serialize() writes the
// value alone (the bytes are T's), and the value never changes under a
// holder: edit() gives one to change, copied first when it is shared.
// Never empty, except once moved from (then only assigning to it is
// allowed). Copies may be read on any thread.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace nyxmon::domain {

template <class T>
class Boxed {
 public:
  Boxed() : value_(std::make_shared<T>()) {}
  Boxed(T value) : value_(std::make_shared<T>(std::move(value))) {}  // NOLINT: implicit

  const T& operator*() const { return *value_; }
  const T* operator->() const { return value_.get(); }
  // The value to change: this box's own (copied first when shared).
  T& edit() {
    if (value_.use_count() > 1) value_ = std::make_shared<T>(*value_);
    return *value_;
  }
  // The value for a holder that outlives this box.
  std::shared_ptr<const T> shared() const { return value_; }

  bool operator==(const Boxed& other) const {
    return value_ == other.value_ || *value_ == *other.value_;
  }

  template <class Archive>
  void serialize(Archive& archive) {
    if constexpr (Archive::is_loading::value) {
      archive(edit());
    } else {
      archive(*value_);  // writing only reads it
    }
  }

 private:
  // Never null; copies share it. Made as a T, so edit() may change it when
  // it is this box's alone.
  std::shared_ptr<T> value_;
};

// The type a member holds: T for Boxed<T>, T itself otherwise.
template <class T>
struct Unboxed {
  using type = T;
};
template <class T>
struct Unboxed<Boxed<T>> {
  using type = T;
};

}  // namespace nyxmon::domain
