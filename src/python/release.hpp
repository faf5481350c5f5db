#pragma once
// Long calls release the GIL and honour Ctrl+C. A long call runs on a worker thread while the
// calling thread waits with the GIL released, taking it back every 50 ms to ask Python whether a
// signal is pending (PyErr_CheckSignals, which only the main thread can answer). A pending
// KeyboardInterrupt sets `cancel`, which the core reads between chunks (run_in_chunks) or every
// 100 epochs (train_levels); once the work has stopped the interrupt is raised. A short call
// only releases the GIL: a thread would cost more than the call.
#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace flowlab::python {

template <class Work>
auto interruptible(Work&& work, std::atomic<bool>& cancel, bool long_call) -> decltype(work()) {
  namespace py = pybind11;
  if (!long_call) {
    py::gil_scoped_release release;
    return work();
  }
  std::optional<decltype(work())> out;
  std::exception_ptr error;
  bool finished = false, interrupted = false;
  std::mutex m;
  std::condition_variable cv;
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        out.emplace(work());
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(m);
      finished = true;
      cv.notify_one();
    });
    std::unique_lock<std::mutex> lock(m);
    while (!cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return finished; })) {
      if (interrupted) continue;
      lock.unlock();
      {
        py::gil_scoped_acquire gil;
        interrupted = PyErr_CheckSignals() != 0;  // the exception stays set on this thread
      }
      if (interrupted) cancel = true;
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (interrupted) throw py::error_already_set();
  if (error) std::rethrow_exception(error);
  return std::move(*out);
}

}  // namespace flowlab::python
