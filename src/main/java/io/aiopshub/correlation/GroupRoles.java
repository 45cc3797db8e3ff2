package io.aiopshub.correlation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An incident's place in its correlated group, as notifications show it: the root it is a symptom of, or
 * the symptoms it is the root of. Read in the caller's transaction.
 */
@Component
public class GroupRoles {

    public record Member(String incidentId, String title, String service, boolean firing) {

        /** "'Title' (service)". */
        public String describe() {
            return "'" + title + "'" + (service == null || service.isEmpty() ? "" : " (" + service + ")");
        }
    }

    /** {@code root} is the group's root; {@code symptoms} the other members, oldest first. */
    public record Role(String groupId, Member root, List<Member> symptoms) {

        public boolean isRoot(String incidentId) {
            return root.incidentId().equals(incidentId);
        }
    }

    private final JdbcTemplate jdbc;
    private final CorrelationProperties properties;

    public GroupRoles(JdbcTemplate jdbc, CorrelationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Whether a symptom's notifications are folded into its root's (aiops.correlation.fold-symptom-notifications). */
    public boolean folding() {
        return properties.isFoldSymptomNotifications();
    }

    public Optional<Role> of(String incidentId) {
        List<Map<String, Object>> rows = jdbc.queryForList("select g.id, g.root_incident_id from incidents i "
                + "join correlation_groups g on g.id = i.correlation_group_id where i.id = ?", incidentId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String groupId = (String) rows.get(0).get("ID");
        String rootId = (String) rows.get(0).get("ROOT_INCIDENT_ID");
        List<Member> members = jdbc.query("select id, title, service, status from incidents where correlation_group_id = ? "
                + "order by created_at, id", (rs, i) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3),
                "firing".equals(rs.getString(4))), groupId);
        Optional<Member> root = members.stream().filter(m -> m.incidentId().equals(rootId)).findFirst();
        if (root.isEmpty() || members.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Role(groupId, root.get(), members.stream().filter(m -> !m.incidentId().equals(rootId)).toList()));
    }
}
