package io.aiopshub.store;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface IncidentRepository extends JpaRepository<IncidentEntity, String>, JpaSpecificationExecutor<IncidentEntity> {

    /**
     * Locks the rows it returns until the caller's transaction ends. The incident engine updates every
     * incident it reads here; without the lock, a dispatcher flush committing in between made the whole
     * engine batch fail on its version check and be applied again from scratch (under ingest load the
     * engine then applied a few hundred alerts/s). With it, the other writer waits and retries instead.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    List<IncidentEntity> findByOpenGroupKeyIn(java.util.Collection<String> openGroupKeys);

    List<IncidentEntity> findTop200ByNextFlushAtLessThanEqualOrderByNextFlushAt(Instant now);

    long countByStatus(String status);

    long countByStatusAndSeverity(String status, String severity);

    /** Filters that are null are not applied; newest first. */
    default Page<IncidentEntity> search(String status, String severity, String service, Instant from, Instant to,
                                        Pageable pageable) {
        Specification<IncidentEntity> spec = (root, query, cb) -> cb.conjunction();
        if (status != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (severity != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("severity"), severity));
        }
        if (service != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("service"), service));
        }
        if (from != null) {
            spec = spec.and((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("createdAt"), from));
        }
        if (to != null) {
            spec = spec.and((root, query, cb) -> cb.lessThan(root.get("createdAt"), to));
        }
        return findAll(spec, PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))));
    }
}
