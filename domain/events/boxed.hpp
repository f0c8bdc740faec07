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
// holder: edit() gives a copy to change.
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
  // A value of this box's own to change: always a copy. Whether anyone else
  // holds the current one cannot be asked without a race (a holder on
  // another thread may let go at that moment, and use_count() would not
  // order its last reads before these writes).
  T& edit() {
    value_ = std::make_shared<T>(*value_);
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
      auto value = std::make_shared<T>();
      archive(*value);
      value_ = std::move(value);
    } else {
      archive(*value_);  // writing only reads it
    }
  }

 private:
  // Never null; copies share it, and it is changed only by edit() and
  // loading, on a value just made for this box.
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
