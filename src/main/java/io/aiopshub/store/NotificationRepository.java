package io.aiopshub.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface NotificationRepository extends JpaRepository<NotificationEntity, Long> {

    List<NotificationEntity> findByStatusAndNextAttemptAtLessThanEqualOrderById(String status, Instant now, Pageable page);

    /**
     * Claims one due row: succeeds (returns 1) only if nobody else moved it since it was read, so two hub
     * instances polling the same outbox never deliver the same notification twice.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update NotificationEntity n set n.attempts = n.attempts + 1, n.nextAttemptAt = :lease, n.updatedAt = :now
            where n.id = :id and n.status = 'PENDING' and n.nextAttemptAt = :seen""")
    int claim(@Param("id") long id, @Param("seen") Instant seen, @Param("lease") Instant lease, @Param("now") Instant now);

    /**
     * Puts one dead letter back in the queue with a fresh set of attempts; returns 1 only if it was still a
     * dead letter, so two people retrying it at once queue it once.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update NotificationEntity n set n.status = 'PENDING', n.attempts = 0, n.nextAttemptAt = :now, n.updatedAt = :now
            where n.id = :id and n.status = 'DEAD'""")
    int requeueDead(@Param("id") long id, @Param("now") Instant now);

    List<NotificationEntity> findByStatusOrderByIdDesc(String status, Pageable page);

    List<NotificationEntity> findByIncidentIdOrderById(String incidentId);
}
