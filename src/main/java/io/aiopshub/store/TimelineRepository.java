package io.aiopshub.store;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TimelineRepository extends JpaRepository<TimelineEntryEntity, Long> {

    List<TimelineEntryEntity> findByIncidentIdOrderById(String incidentId);
}
