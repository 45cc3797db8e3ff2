package io.aiopshub.ingest;

import java.util.List;

/** A request body that cannot be accepted; nothing of it has been stored. */
public class PayloadValidationException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public PayloadValidationException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid payload" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public PayloadValidationException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> getProblems() {
        return problems;
    }
}
