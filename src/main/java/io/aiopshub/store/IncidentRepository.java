package io.aiopshub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface IncidentRepository extends JpaRepository<IncidentEntity, String> {

    Optional<IncidentEntity> findByOpenGroupKey(String openGroupKey);

    List<IncidentEntity> findTop200ByNextFlushAtLessThanEqualOrderByNextFlushAt(Instant now);

    long countByStatus(String status);

    @Query("""
            select i from IncidentEntity i
            where (:status is null or i.status = :status)
              and (:severity is null or i.severity = :severity)
              and (:service is null or i.service = :service)
              and (:from is null or i.createdAt >= :from)
              and (:to is null or i.createdAt < :to)
            order by i.createdAt desc, i.id
            """)
    Page<IncidentEntity> search(@Param("status") String status, @Param("severity") String severity,
                                @Param("service") String service, @Param("from") Instant from,
                                @Param("to") Instant to, Pageable pageable);
}
