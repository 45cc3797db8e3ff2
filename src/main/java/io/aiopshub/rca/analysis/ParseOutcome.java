package io.aiopshub.rca.analysis;

import java.util.List;

/** Result of {@link AnalysisOutputParser#parse(String)}: either a usable analysis or the problems preventing one. */
public sealed interface ParseOutcome permits ParseOutcome.Success, ParseOutcome.Failure {

    boolean isSuccess();

    /**
     * @param droppedActions suggested actions removed by the catalog check; empty when all were kept
     */
    record Success(AnalysisResult result, List<DroppedAction> droppedActions) implements ParseOutcome {

        public Success {
            droppedActions = List.copyOf(droppedActions);
        }

        @Override
        public boolean isSuccess() {
            return true;
        }
    }

    /**
     * @param problems precise, model-readable descriptions ("confidence: must be between 0 and 1, got 1.7")
     */
    record Failure(List<String> problems) implements ParseOutcome {

        public Failure {
            problems = List.copyOf(problems);
        }

        @Override
        public boolean isSuccess() {
            return false;
        }

        /** Text for the single repair prompt: quotes every problem so the model can fix all of them at once. */
        public String repairInstructions() {
            StringBuilder sb = new StringBuilder("Your previous answer could not be used because:\n");
            problems.forEach(p -> sb.append("- ").append(p).append('\n'));
            sb.append("Reply with only the corrected JSON object that matches the schema, without any other text.");
            return sb.toString();
        }
    }
}
