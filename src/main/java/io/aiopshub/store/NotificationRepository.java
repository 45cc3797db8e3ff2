package io.aiopshub.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationRepository extends JpaRepository<NotificationEntity, Long> {

    List<NotificationEntity> findByStatusAndNextAttemptAtLessThanEqualOrderById(String status, Instant now, Pageable page);

    List<NotificationEntity> findByStatusOrderByIdDesc(String status, Pageable page);

    List<NotificationEntity> findByIncidentIdOrderById(String incidentId);
}
