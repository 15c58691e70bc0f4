#pragma once
// Reads and analyses notes on worker threads while the indexer writes earlier ones: Xapian
// allows one writer, so the writer keeps the database and the workers keep both cores busy with
// everything before it (reading, decoding, markdown, segmentation, building the document).
//
// Results come back in the order notes were submitted, so document ids, warnings and progress
// do not depend on thread timing. Memory stays bounded: at most `max_notes` notes and
// `max_bytes` of file content are in flight at once.
#include "jaryo/note.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>
#include <xapian.h>

namespace jaryo {

class Analyzer;

// A note read and analysed, ready to be written.
struct AnalysedNote {
    std::filesystem::path path;
    std::optional<Xapian::Document> document; // empty when the file was skipped
    std::vector<std::string> warnings;
    std::string skipped_reason;
};

// Reads the note at `path` and builds its document; a file that cannot be indexed comes back
// without a document, saying why.
AnalysedNote analyse_note(const std::filesystem::path& path, const ReadOptions& options,
                          Analyzer& analyzer);

class AnalysisPool {
  public:
    using Result = AnalysedNote;
    using Consumer = std::function<void(Result&)>;

    // threads == 0: no workers, each note is analysed inside submit().
    AnalysisPool(const ReadOptions& options, unsigned threads, std::size_t max_notes = 256,
                 std::uint64_t max_bytes = 64U << 20U);
    ~AnalysisPool(); // stops and joins the workers, dropping unfinished notes
    AnalysisPool(const AnalysisPool&) = delete;
    AnalysisPool& operator=(const AnalysisPool&) = delete;

    // Queues a note of `size` bytes. While too much is in flight, hands finished results to
    // `consume` (in order) until there is room. Rethrows what a worker could not handle.
    void submit(std::filesystem::path path, std::uint64_t size, const Consumer& consume);

    // Hands every result that is ready, in order, without waiting for the others.
    void take_ready(const Consumer& consume);

    // Waits for every queued note and hands over the rest.
    void finish(const Consumer& consume);

  private:
    struct Job {
        std::uint64_t sequence;
        std::filesystem::path path;
        std::uint64_t size;
    };
    struct Finished {
        Result result;
        std::uint64_t size;
    };
    void work(Analyzer& analyzer);
    // Hands over results in order while the next one is ready; `lock` is held on entry.
    void hand_over(std::unique_lock<std::mutex>& lock, const Consumer& consume);

    const ReadOptions options_;
    const std::size_t max_notes_;
    const std::uint64_t max_bytes_;
    std::vector<std::thread> workers_;
    std::unique_ptr<Analyzer> inline_analyzer_;        // when there are no workers
    std::vector<std::unique_ptr<Analyzer>> analyzers_; // one per worker

    std::mutex mutex_;
    std::condition_variable work_ready_;   // workers wait for jobs
    std::condition_variable result_ready_; // the writer waits for results
    std::deque<Job> jobs_;
    std::map<std::uint64_t, Finished> done_;
    std::uint64_t next_sequence_ = 0; // given to the next submitted note
    std::uint64_t next_to_hand_ = 0;  // the result the writer takes next
    std::size_t notes_in_flight_ = 0; // submitted, not yet handed over
    std::uint64_t bytes_in_flight_ = 0;
    std::exception_ptr failure_;
    bool stopping_ = false;
};

} // namespace jaryo
