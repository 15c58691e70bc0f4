#include "analysis_pool.hpp"

#include "jaryo/analyzer.hpp"
#include "jaryo/note_document.hpp"

namespace jaryo {

AnalysisPool::AnalysisPool(const ReadOptions& options, unsigned threads, std::size_t max_notes,
                           std::uint64_t max_bytes)
    : options_(options), max_notes_(std::max<std::size_t>(max_notes, 1)), max_bytes_(max_bytes) {
    if (threads == 0) {
        inline_analyzer_ = std::make_unique<Analyzer>();
        return;
    }
    // One analyzer per worker, made here one after the other: ICU objects are not shared, and
    // ICU's own caches are filled by one thread.
    for (unsigned i = 0; i < threads; ++i) {
        analyzers_.push_back(std::make_unique<Analyzer>());
    }
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) {
        workers_.emplace_back([this, i] { work(*analyzers_[i]); });
    }
}

AnalysisPool::~AnalysisPool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& worker : workers_) {
        worker.join();
    }
}

AnalysedNote analyse_note(const std::filesystem::path& path, const ReadOptions& options,
                          Analyzer& analyzer) {
    AnalysedNote result;
    result.path = path;
    try {
        Note note = read_note(path, options);
        result.warnings = std::move(note.warnings);
        result.document = build_document(note, analyzer);
    } catch (const SkippedFile& reason) {
        result.skipped_reason = reason.what();
    }
    return result;
}

void AnalysisPool::work(Analyzer& analyzer) {
    std::unique_lock lock(mutex_);
    while (true) {
        work_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) {
            return;
        }
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        Finished finished{{}, job.size};
        std::exception_ptr failure;
        try {
            finished.result = analyse_note(job.path, options_, analyzer);
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        if (failure && !failure_) {
            failure_ = failure;
        }
        done_.emplace(job.sequence, std::move(finished));
        result_ready_.notify_one();
    }
}

void AnalysisPool::hand_over(std::unique_lock<std::mutex>& lock, const Consumer& consume) {
    while (true) {
        if (failure_) {
            std::rethrow_exception(failure_);
        }
        const auto next = done_.find(next_to_hand_);
        if (next == done_.end()) {
            return;
        }
        Finished finished = std::move(next->second);
        done_.erase(next);
        ++next_to_hand_;
        --notes_in_flight_;
        bytes_in_flight_ -= finished.size;
        lock.unlock();
        consume(finished.result); // the writer's work runs while workers go on
        lock.lock();
    }
}

void AnalysisPool::submit(std::filesystem::path path, std::uint64_t size, const Consumer& consume) {
    if (workers_.empty()) {
        Result result = analyse_note(path, options_, *inline_analyzer_);
        consume(result);
        return;
    }
    std::unique_lock lock(mutex_);
    const std::uint64_t counted = std::min(size, options_.max_bytes);
    // A note larger than the byte budget still goes, alone.
    const auto full = [&] {
        return notes_in_flight_ >= max_notes_ ||
               (notes_in_flight_ > 0 && bytes_in_flight_ + counted > max_bytes_);
    };
    while (full()) {
        result_ready_.wait(lock, [this] { return failure_ || done_.count(next_to_hand_) > 0; });
        hand_over(lock, consume);
    }
    jobs_.push_back({next_sequence_++, std::move(path), counted});
    ++notes_in_flight_;
    bytes_in_flight_ += counted;
    lock.unlock();
    work_ready_.notify_one();
}

void AnalysisPool::take_ready(const Consumer& consume) {
    if (workers_.empty()) {
        return;
    }
    std::unique_lock lock(mutex_);
    hand_over(lock, consume);
}

void AnalysisPool::finish(const Consumer& consume) {
    if (workers_.empty()) {
        return;
    }
    std::unique_lock lock(mutex_);
    while (notes_in_flight_ > 0) {
        result_ready_.wait(lock, [this] { return failure_ || done_.count(next_to_hand_) > 0; });
        hand_over(lock, consume);
    }
}

} // namespace jaryo
