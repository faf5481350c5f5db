#pragma once
// Work shared among threads so that the result does not depend on how many: the
// work is cut into fixed chunks (never by the thread count), each chunk computed
// alone, the chunks handed out in turn. The batch experiments and the CLI's
// flow, denoise and classify all go through here. The WASM build runs one thread.
#include <functional>

#include <Eigen/Core>

namespace flowlab {

// Columns per chunk: a chunk is a flow of its own (its own noise stream for sde and
// langevin), so this fixes the results; 512 particles keep a chunk's panels in L2.
constexpr Eigen::Index kExperimentChunk = 512;

// Natively: FLOWLAB_THREADS when it is a count in [1, 1024], else the cores this process may use; 1 in WASM.
int available_threads();
// job(0) .. job(jobs - 1) on min(threads, jobs) threads (0: every core; one in WASM), each thread
// taking the next index in turn: independent jobs give the same results on any number.
void run_jobs(int threads, Eigen::Index jobs, const std::function<void(Eigen::Index)>& job);
// How many chunks of kExperimentChunk columns cover `columns`.
inline Eigen::Index column_chunks(Eigen::Index columns) { return (columns + kExperimentChunk - 1) / kExperimentChunk; }
// job(first column, columns, chunk index) over Y's columns in chunks of kExperimentChunk.
void run_column_chunks(int threads, Eigen::Index columns,
                       const std::function<void(Eigen::Index, Eigen::Index, Eigen::Index)>& job);

}  // namespace flowlab
